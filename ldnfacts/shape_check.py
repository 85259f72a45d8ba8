# Written by ldnfacts.validation.shape_check_code() from schema/facts.schema.json: do not
# edit. After a change to the schema or to fastjsonschema, write it again with
#     .venv/bin/python -m tests.test_scale --update
# schema 39af9fa1
# mypy: ignore-errors
VERSION = "2.22.3"
from decimal import Decimal
import re

class JsonSchemaValueException(ValueError):
    """The first error found (fastjsonschema's, defined here: see validation.py)."""


JsonSchemaValuesException = JsonSchemaValueException


REGEX_PATTERNS = {
    '\\S': re.compile('\\S'),
    '^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$': re.compile('^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?\\Z'),
    '^[a-z0-9]+(?:-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(?:-[a-z0-9]+)*\\Z'),
    '^https?://[^\\s]+$': re.compile('^https?://[^\\s]+\\Z'),
    '^10\\.[0-9]{4,9}/\\S+$': re.compile('^10\\.[0-9]{4,9}/\\S+\\Z'),
    '^[1-9][0-9]{0,8}$': re.compile('^[1-9][0-9]{0,8}\\Z'),
    '^PMC[0-9]+$': re.compile('^PMC[0-9]+\\Z'),
    '^NCT[0-9]{8}$': re.compile('^NCT[0-9]{8}\\Z'),
    '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$': re.compile('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\Z'),
    '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$': re.compile('^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\\Z'),
    '^[a-z][a-z0-9_]*$': re.compile('^[a-z][a-z0-9_]*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_any_of_count1 = 0
    if not data_any_of_count1:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['facts']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['sources']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "meta" in data_keys:
            data_keys.remove("meta")
            data__meta = data["meta"]
            if not isinstance(data__meta, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta must be object")
            data__meta_is_dict = isinstance(data__meta, dict)
            if data__meta_is_dict:
                data__meta_keys = set(data__meta.keys())
                if "title" in data__meta_keys:
                    data__meta_keys.remove("title")
                    data__meta__title = data__meta["title"]
                    if not isinstance(data__meta__title, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.title must be string")
                    if isinstance(data__meta__title, str):
                        data__meta__title_len = len(data__meta__title)
                        if data__meta__title_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.title must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['\\S'].search(data__meta__title):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.title must match pattern \\S")
                if "version" in data__meta_keys:
                    data__meta_keys.remove("version")
                    data__meta__version = data__meta["version"]
                    if not isinstance(data__meta__version, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.version must be string")
                    if isinstance(data__meta__version, str):
                        data__meta__version_len = len(data__meta__version)
                        if data__meta__version_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.version must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['\\S'].search(data__meta__version):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.version must match pattern \\S")
                if "updated" in data__meta_keys:
                    data__meta_keys.remove("updated")
                    data__meta__updated = data__meta["updated"]
                    data__meta__updated_one_of_count2 = 0
                    if data__meta__updated_one_of_count2 < 2:
                        try:
                            if not isinstance(data__meta__updated, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.updated must be string")
                            if isinstance(data__meta__updated, str):
                                if not REGEX_PATTERNS['^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__meta__updated):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.updated must match pattern ^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$")
                            data__meta__updated_one_of_count2 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__meta__updated_one_of_count2 < 2:
                        try:
                            if not isinstance(data__meta__updated, (int)) and not (isinstance(data__meta__updated, float) and data__meta__updated.is_integer()) or isinstance(data__meta__updated, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.updated must be integer")
                            if isinstance(data__meta__updated, (int, float, Decimal)) and not isinstance(data__meta__updated, bool):
                                if data__meta__updated < 1000:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.updated must be bigger than or equal to 1000")
                                if data__meta__updated > 9999:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.updated must be smaller than or equal to 9999")
                            data__meta__updated_one_of_count2 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__meta__updated_one_of_count2 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.updated must be valid exactly by one definition")
                if "license" in data__meta_keys:
                    data__meta_keys.remove("license")
                    data__meta__license = data__meta["license"]
                    if not isinstance(data__meta__license, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.license must be string")
                    if isinstance(data__meta__license, str):
                        data__meta__license_len = len(data__meta__license)
                        if data__meta__license_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.license must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['\\S'].search(data__meta__license):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.license must match pattern \\S")
                if "description" in data__meta_keys:
                    data__meta_keys.remove("description")
                    data__meta__description = data__meta["description"]
                    if not isinstance(data__meta__description, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.description must be string")
                    if isinstance(data__meta__description, str):
                        data__meta__description_len = len(data__meta__description)
                        if data__meta__description_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.description must be longer than or equal to 1 characters")
                        if not REGEX_PATTERNS['\\S'].search(data__meta__description):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta.description must match pattern \\S")
                if data__meta_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".meta must not contain "+str(data__meta_keys)+" properties")
        if "vocabulary" in data_keys:
            data_keys.remove("vocabulary")
            data__vocabulary = data["vocabulary"]
            if not isinstance(data__vocabulary, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary must be object")
            data__vocabulary_is_dict = isinstance(data__vocabulary, dict)
            if data__vocabulary_is_dict:
                data__vocabulary_keys = set(data__vocabulary.keys())
                if "stopwords" in data__vocabulary_keys:
                    data__vocabulary_keys.remove("stopwords")
                    data__vocabulary__stopwords = data__vocabulary["stopwords"]
                    if not isinstance(data__vocabulary__stopwords, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.stopwords must be array")
                    data__vocabulary__stopwords_is_list = isinstance(data__vocabulary__stopwords, (list, tuple))
                    if data__vocabulary__stopwords_is_list:
                        data__vocabulary__stopwords_len = len(data__vocabulary__stopwords)
                        for data__vocabulary__stopwords_x, data__vocabulary__stopwords_item in enumerate(data__vocabulary__stopwords):
                            if not isinstance(data__vocabulary__stopwords_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.stopwords[{data__vocabulary__stopwords_x}]".format(**locals()) + " must be string")
                if "filler" in data__vocabulary_keys:
                    data__vocabulary_keys.remove("filler")
                    data__vocabulary__filler = data__vocabulary["filler"]
                    if not isinstance(data__vocabulary__filler, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.filler must be array")
                    data__vocabulary__filler_is_list = isinstance(data__vocabulary__filler, (list, tuple))
                    if data__vocabulary__filler_is_list:
                        data__vocabulary__filler_len = len(data__vocabulary__filler)
                        for data__vocabulary__filler_x, data__vocabulary__filler_item in enumerate(data__vocabulary__filler):
                            if not isinstance(data__vocabulary__filler_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.filler[{data__vocabulary__filler_x}]".format(**locals()) + " must be string")
                if "generic" in data__vocabulary_keys:
                    data__vocabulary_keys.remove("generic")
                    data__vocabulary__generic = data__vocabulary["generic"]
                    if not isinstance(data__vocabulary__generic, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.generic must be array")
                    data__vocabulary__generic_is_list = isinstance(data__vocabulary__generic, (list, tuple))
                    if data__vocabulary__generic_is_list:
                        data__vocabulary__generic_len = len(data__vocabulary__generic)
                        for data__vocabulary__generic_x, data__vocabulary__generic_item in enumerate(data__vocabulary__generic):
                            if not isinstance(data__vocabulary__generic_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.generic[{data__vocabulary__generic_x}]".format(**locals()) + " must be string")
                if "concepts" in data__vocabulary_keys:
                    data__vocabulary_keys.remove("concepts")
                    data__vocabulary__concepts = data__vocabulary["concepts"]
                    if not isinstance(data__vocabulary__concepts, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts must be array")
                    data__vocabulary__concepts_is_list = isinstance(data__vocabulary__concepts, (list, tuple))
                    if data__vocabulary__concepts_is_list:
                        data__vocabulary__concepts_len = len(data__vocabulary__concepts)
                        for data__vocabulary__concepts_x, data__vocabulary__concepts_item in enumerate(data__vocabulary__concepts):
                            if not isinstance(data__vocabulary__concepts_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}]".format(**locals()) + " must be object")
                            data__vocabulary__concepts_item_is_dict = isinstance(data__vocabulary__concepts_item, dict)
                            if data__vocabulary__concepts_item_is_dict:
                                data__vocabulary__concepts_item__missing_keys = set(['name', 'says', 'means']) - data__vocabulary__concepts_item.keys()
                                if data__vocabulary__concepts_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}]".format(**locals()) + " must contain ")
                                data__vocabulary__concepts_item_keys = set(data__vocabulary__concepts_item.keys())
                                if "name" in data__vocabulary__concepts_item_keys:
                                    data__vocabulary__concepts_item_keys.remove("name")
                                    data__vocabulary__concepts_item__name = data__vocabulary__concepts_item["name"]
                                    if not isinstance(data__vocabulary__concepts_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].name".format(**locals()) + " must be string")
                                if "kind" in data__vocabulary__concepts_item_keys:
                                    data__vocabulary__concepts_item_keys.remove("kind")
                                    data__vocabulary__concepts_item__kind = data__vocabulary__concepts_item["kind"]
                                    if not isinstance(data__vocabulary__concepts_item__kind, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].kind".format(**locals()) + " must be string")
                                if "says" in data__vocabulary__concepts_item_keys:
                                    data__vocabulary__concepts_item_keys.remove("says")
                                    data__vocabulary__concepts_item__says = data__vocabulary__concepts_item["says"]
                                    if not isinstance(data__vocabulary__concepts_item__says, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].says".format(**locals()) + " must be array")
                                    data__vocabulary__concepts_item__says_is_list = isinstance(data__vocabulary__concepts_item__says, (list, tuple))
                                    if data__vocabulary__concepts_item__says_is_list:
                                        data__vocabulary__concepts_item__says_len = len(data__vocabulary__concepts_item__says)
                                        if data__vocabulary__concepts_item__says_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].says".format(**locals()) + " must contain at least 1 items")
                                        for data__vocabulary__concepts_item__says_x, data__vocabulary__concepts_item__says_item in enumerate(data__vocabulary__concepts_item__says):
                                            if not isinstance(data__vocabulary__concepts_item__says_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].says[{data__vocabulary__concepts_item__says_x}]".format(**locals()) + " must be string")
                                if "means" in data__vocabulary__concepts_item_keys:
                                    data__vocabulary__concepts_item_keys.remove("means")
                                    data__vocabulary__concepts_item__means = data__vocabulary__concepts_item["means"]
                                    if not isinstance(data__vocabulary__concepts_item__means, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].means".format(**locals()) + " must be array")
                                    data__vocabulary__concepts_item__means_is_list = isinstance(data__vocabulary__concepts_item__means, (list, tuple))
                                    if data__vocabulary__concepts_item__means_is_list:
                                        data__vocabulary__concepts_item__means_len = len(data__vocabulary__concepts_item__means)
                                        if data__vocabulary__concepts_item__means_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].means".format(**locals()) + " must contain at least 1 items")
                                        for data__vocabulary__concepts_item__means_x, data__vocabulary__concepts_item__means_item in enumerate(data__vocabulary__concepts_item__means):
                                            if not isinstance(data__vocabulary__concepts_item__means_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].means[{data__vocabulary__concepts_item__means_x}]".format(**locals()) + " must be string")
                                if "lead" in data__vocabulary__concepts_item_keys:
                                    data__vocabulary__concepts_item_keys.remove("lead")
                                    data__vocabulary__concepts_item__lead = data__vocabulary__concepts_item["lead"]
                                    if not isinstance(data__vocabulary__concepts_item__lead, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].lead".format(**locals()) + " must be array")
                                    data__vocabulary__concepts_item__lead_is_list = isinstance(data__vocabulary__concepts_item__lead, (list, tuple))
                                    if data__vocabulary__concepts_item__lead_is_list:
                                        data__vocabulary__concepts_item__lead_len = len(data__vocabulary__concepts_item__lead)
                                        for data__vocabulary__concepts_item__lead_x, data__vocabulary__concepts_item__lead_item in enumerate(data__vocabulary__concepts_item__lead):
                                            if not isinstance(data__vocabulary__concepts_item__lead_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}].lead[{data__vocabulary__concepts_item__lead_x}]".format(**locals()) + " must be string")
                                if data__vocabulary__concepts_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary.concepts[{data__vocabulary__concepts_x}]".format(**locals()) + " must not contain "+str(data__vocabulary__concepts_item_keys)+" properties")
                if data__vocabulary_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".vocabulary must not contain "+str(data__vocabulary_keys)+" properties")
        if "sources" in data_keys:
            data_keys.remove("sources")
            data__sources = data["sources"]
            if not isinstance(data__sources, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources must be array")
            data__sources_is_list = isinstance(data__sources, (list, tuple))
            if data__sources_is_list:
                data__sources_len = len(data__sources)
                for data__sources_x, data__sources_item in enumerate(data__sources):
                    if not isinstance(data__sources_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}]".format(**locals()) + " must be object")
                    try:
                        data__sources_item_is_dict = isinstance(data__sources_item, dict)
                        if data__sources_item_is_dict:
                            data__sources_item__missing_keys = set(['kind']) - data__sources_item.keys()
                            if data__sources_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}]".format(**locals()) + " must contain ")
                            data__sources_item_keys = set(data__sources_item.keys())
                            if "kind" in data__sources_item_keys:
                                data__sources_item_keys.remove("kind")
                                data__sources_item__kind = data__sources_item["kind"]
                                if not (isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'commercial' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'advocacy'):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].kind".format(**locals()) + " must be one of ['commercial', 'advocacy']")
                    except (JsonSchemaValueException, JsonSchemaValuesException):
                        pass
                    else:
                        data__sources_item_is_dict = isinstance(data__sources_item, dict)
                        if data__sources_item_is_dict:
                            data__sources_item__missing_keys = set(['note']) - data__sources_item.keys()
                            if data__sources_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}]".format(**locals()) + " must contain ")
                    data__sources_item_is_dict = isinstance(data__sources_item, dict)
                    if data__sources_item_is_dict:
                        data__sources_item__missing_keys = set(['id', 'title', 'kind']) - data__sources_item.keys()
                        if data__sources_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}]".format(**locals()) + " must contain ")
                        data__sources_item_keys = set(data__sources_item.keys())
                        if "id" in data__sources_item_keys:
                            data__sources_item_keys.remove("id")
                            data__sources_item__id = data__sources_item["id"]
                            if not isinstance(data__sources_item__id, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].id".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__id, str):
                                data__sources_item__id_len = len(data__sources_item__id)
                                if data__sources_item__id_len > 80:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].id".format(**locals()) + " must be shorter than or equal to 80 characters")
                                if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__sources_item__id):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].id".format(**locals()) + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$")
                        if "title" in data__sources_item_keys:
                            data__sources_item_keys.remove("title")
                            data__sources_item__title = data__sources_item["title"]
                            if not isinstance(data__sources_item__title, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].title".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__title, str):
                                data__sources_item__title_len = len(data__sources_item__title)
                                if data__sources_item__title_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].title".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__title):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].title".format(**locals()) + " must match pattern \\S")
                        if "kind" in data__sources_item_keys:
                            data__sources_item_keys.remove("kind")
                            data__sources_item__kind = data__sources_item["kind"]
                            if not (isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'regulatory' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'government' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'guideline' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'trial' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'registry' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'review' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'systematic-review' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'meta-analysis' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'observational' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'case-report' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'survey' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'lab-study' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'letter' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'interview' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'advocacy' or isinstance(data__sources_item__kind, str) and data__sources_item__kind == 'commercial'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].kind".format(**locals()) + " must be one of ['regulatory', 'government', 'guideline', 'trial', 'registry', 'review', 'systematic-review', 'meta-analysis', 'observational', 'case-report', 'survey', 'lab-study', 'letter', 'interview', 'advocacy', 'commercial']")
                        if "publisher" in data__sources_item_keys:
                            data__sources_item_keys.remove("publisher")
                            data__sources_item__publisher = data__sources_item["publisher"]
                            if not isinstance(data__sources_item__publisher, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].publisher".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__publisher, str):
                                data__sources_item__publisher_len = len(data__sources_item__publisher)
                                if data__sources_item__publisher_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].publisher".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__publisher):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].publisher".format(**locals()) + " must match pattern \\S")
                        if "authors" in data__sources_item_keys:
                            data__sources_item_keys.remove("authors")
                            data__sources_item__authors = data__sources_item["authors"]
                            if not isinstance(data__sources_item__authors, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].authors".format(**locals()) + " must be array")
                            data__sources_item__authors_is_list = isinstance(data__sources_item__authors, (list, tuple))
                            if data__sources_item__authors_is_list:
                                data__sources_item__authors_len = len(data__sources_item__authors)
                                for data__sources_item__authors_x, data__sources_item__authors_item in enumerate(data__sources_item__authors):
                                    if not isinstance(data__sources_item__authors_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].authors[{data__sources_item__authors_x}]".format(**locals()) + " must be string")
                                    if isinstance(data__sources_item__authors_item, str):
                                        data__sources_item__authors_item_len = len(data__sources_item__authors_item)
                                        if data__sources_item__authors_item_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].authors[{data__sources_item__authors_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__sources_item__authors_item):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].authors[{data__sources_item__authors_x}]".format(**locals()) + " must match pattern \\S")
                        if "year" in data__sources_item_keys:
                            data__sources_item_keys.remove("year")
                            data__sources_item__year = data__sources_item["year"]
                            if not isinstance(data__sources_item__year, (int)) and not (isinstance(data__sources_item__year, float) and data__sources_item__year.is_integer()) or isinstance(data__sources_item__year, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].year".format(**locals()) + " must be integer")
                            if isinstance(data__sources_item__year, (int, float, Decimal)) and not isinstance(data__sources_item__year, bool):
                                if data__sources_item__year < 1900:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].year".format(**locals()) + " must be bigger than or equal to 1900")
                                if data__sources_item__year > 2100:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].year".format(**locals()) + " must be smaller than or equal to 2100")
                        if "journal" in data__sources_item_keys:
                            data__sources_item_keys.remove("journal")
                            data__sources_item__journal = data__sources_item["journal"]
                            if not isinstance(data__sources_item__journal, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].journal".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__journal, str):
                                data__sources_item__journal_len = len(data__sources_item__journal)
                                if data__sources_item__journal_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].journal".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__journal):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].journal".format(**locals()) + " must match pattern \\S")
                        if "volume" in data__sources_item_keys:
                            data__sources_item_keys.remove("volume")
                            data__sources_item__volume = data__sources_item["volume"]
                            if not isinstance(data__sources_item__volume, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].volume".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__volume, str):
                                data__sources_item__volume_len = len(data__sources_item__volume)
                                if data__sources_item__volume_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].volume".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__volume):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].volume".format(**locals()) + " must match pattern \\S")
                        if "issue" in data__sources_item_keys:
                            data__sources_item_keys.remove("issue")
                            data__sources_item__issue = data__sources_item["issue"]
                            if not isinstance(data__sources_item__issue, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].issue".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__issue, str):
                                data__sources_item__issue_len = len(data__sources_item__issue)
                                if data__sources_item__issue_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].issue".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__issue):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].issue".format(**locals()) + " must match pattern \\S")
                        if "pages" in data__sources_item_keys:
                            data__sources_item_keys.remove("pages")
                            data__sources_item__pages = data__sources_item["pages"]
                            if not isinstance(data__sources_item__pages, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pages".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__pages, str):
                                data__sources_item__pages_len = len(data__sources_item__pages)
                                if data__sources_item__pages_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pages".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__pages):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pages".format(**locals()) + " must match pattern \\S")
                        if "url" in data__sources_item_keys:
                            data__sources_item_keys.remove("url")
                            data__sources_item__url = data__sources_item["url"]
                            if not isinstance(data__sources_item__url, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].url".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__url, str):
                                if not REGEX_PATTERNS['^https?://[^\\s]+$'].search(data__sources_item__url):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].url".format(**locals()) + " must match pattern ^https?://[^\\s]+$")
                        if "doi" in data__sources_item_keys:
                            data__sources_item_keys.remove("doi")
                            data__sources_item__doi = data__sources_item["doi"]
                            if not isinstance(data__sources_item__doi, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].doi".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__doi, str):
                                if not REGEX_PATTERNS['^10\\.[0-9]{4,9}/\\S+$'].search(data__sources_item__doi):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].doi".format(**locals()) + " must match pattern ^10\\.[0-9]{4,9}/\\S+$")
                        if "pmid" in data__sources_item_keys:
                            data__sources_item_keys.remove("pmid")
                            data__sources_item__pmid = data__sources_item["pmid"]
                            if not isinstance(data__sources_item__pmid, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pmid".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__pmid, str):
                                if not REGEX_PATTERNS['^[1-9][0-9]{0,8}$'].search(data__sources_item__pmid):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pmid".format(**locals()) + " must match pattern ^[1-9][0-9]{0,8}$")
                        if "pmcid" in data__sources_item_keys:
                            data__sources_item_keys.remove("pmcid")
                            data__sources_item__pmcid = data__sources_item["pmcid"]
                            if not isinstance(data__sources_item__pmcid, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pmcid".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__pmcid, str):
                                if not REGEX_PATTERNS['^PMC[0-9]+$'].search(data__sources_item__pmcid):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].pmcid".format(**locals()) + " must match pattern ^PMC[0-9]+$")
                        if "nct" in data__sources_item_keys:
                            data__sources_item_keys.remove("nct")
                            data__sources_item__nct = data__sources_item["nct"]
                            if not isinstance(data__sources_item__nct, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].nct".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__nct, str):
                                if not REGEX_PATTERNS['^NCT[0-9]{8}$'].search(data__sources_item__nct):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].nct".format(**locals()) + " must match pattern ^NCT[0-9]{8}$")
                        if "setid" in data__sources_item_keys:
                            data__sources_item_keys.remove("setid")
                            data__sources_item__setid = data__sources_item["setid"]
                            if not isinstance(data__sources_item__setid, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].setid".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__setid, str):
                                if not REGEX_PATTERNS['^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'].search(data__sources_item__setid):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].setid".format(**locals()) + " must match pattern ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
                        if "note" in data__sources_item_keys:
                            data__sources_item_keys.remove("note")
                            data__sources_item__note = data__sources_item["note"]
                            if not isinstance(data__sources_item__note, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].note".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__note, str):
                                data__sources_item__note_len = len(data__sources_item__note)
                                if data__sources_item__note_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].note".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__sources_item__note):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].note".format(**locals()) + " must match pattern \\S")
                        if "checked" in data__sources_item_keys:
                            data__sources_item_keys.remove("checked")
                            data__sources_item__checked = data__sources_item["checked"]
                            if not isinstance(data__sources_item__checked, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].checked".format(**locals()) + " must be string")
                            if isinstance(data__sources_item__checked, str):
                                if not REGEX_PATTERNS['^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$'].search(data__sources_item__checked):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}].checked".format(**locals()) + " must match pattern ^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$")
                        if data__sources_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".sources[{data__sources_x}]".format(**locals()) + " must not contain "+str(data__sources_item_keys)+" properties")
        if "facts" in data_keys:
            data_keys.remove("facts")
            data__facts = data["facts"]
            if not isinstance(data__facts, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts must be array")
            data__facts_is_list = isinstance(data__facts, (list, tuple))
            if data__facts_is_list:
                data__facts_len = len(data__facts)
                for data__facts_x, data__facts_item in enumerate(data__facts):
                    if not isinstance(data__facts_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}]".format(**locals()) + " must be object")
                    try:
                        data__facts_item_is_dict = isinstance(data__facts_item, dict)
                        if data__facts_item_is_dict:
                            data__facts_item__missing_keys = set(['status']) - data__facts_item.keys()
                            if data__facts_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}]".format(**locals()) + " must contain ")
                            data__facts_item_keys = set(data__facts_item.keys())
                            if "status" in data__facts_item_keys:
                                data__facts_item_keys.remove("status")
                                data__facts_item__status = data__facts_item["status"]
                                if not (isinstance(data__facts_item__status, str) and data__facts_item__status == 'contested' or isinstance(data__facts_item__status, str) and data__facts_item__status == 'disputed'):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].status".format(**locals()) + " must be one of ['contested', 'disputed']")
                    except (JsonSchemaValueException, JsonSchemaValuesException):
                        pass
                    else:
                        data__facts_item_is_dict = isinstance(data__facts_item, dict)
                        if data__facts_item_is_dict:
                            data__facts_item__missing_keys = set(['note']) - data__facts_item.keys()
                            if data__facts_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}]".format(**locals()) + " must contain ")
                    data__facts_item_is_dict = isinstance(data__facts_item, dict)
                    if data__facts_item_is_dict:
                        data__facts_item__missing_keys = set(['id', 'topic', 'claim', 'status', 'sources']) - data__facts_item.keys()
                        if data__facts_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}]".format(**locals()) + " must contain ")
                        data__facts_item_keys = set(data__facts_item.keys())
                        if "id" in data__facts_item_keys:
                            data__facts_item_keys.remove("id")
                            data__facts_item__id = data__facts_item["id"]
                            if not isinstance(data__facts_item__id, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].id".format(**locals()) + " must be string")
                            if isinstance(data__facts_item__id, str):
                                data__facts_item__id_len = len(data__facts_item__id)
                                if data__facts_item__id_len > 80:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].id".format(**locals()) + " must be shorter than or equal to 80 characters")
                                if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__facts_item__id):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].id".format(**locals()) + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$")
                        if "topic" in data__facts_item_keys:
                            data__facts_item_keys.remove("topic")
                            data__facts_item__topic = data__facts_item["topic"]
                            if not (isinstance(data__facts_item__topic, str) and data__facts_item__topic == 'dose' or isinstance(data__facts_item__topic, str) and data__facts_item__topic == 'mechanism' or isinstance(data__facts_item__topic, str) and data__facts_item__topic == 'approval' or isinstance(data__facts_item__topic, str) and data__facts_item__topic == 'symptom' or isinstance(data__facts_item__topic, str) and data__facts_item__topic == 'safety'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].topic".format(**locals()) + " must be one of ['dose', 'mechanism', 'approval', 'symptom', 'safety']")
                        if "claim" in data__facts_item_keys:
                            data__facts_item_keys.remove("claim")
                            data__facts_item__claim = data__facts_item["claim"]
                            if not isinstance(data__facts_item__claim, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].claim".format(**locals()) + " must be string")
                            if isinstance(data__facts_item__claim, str):
                                data__facts_item__claim_len = len(data__facts_item__claim)
                                if data__facts_item__claim_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].claim".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__facts_item__claim):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].claim".format(**locals()) + " must match pattern \\S")
                                data__facts_item__claim_len = len(data__facts_item__claim)
                                if data__facts_item__claim_len > 2000:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].claim".format(**locals()) + " must be shorter than or equal to 2000 characters")
                        if "status" in data__facts_item_keys:
                            data__facts_item_keys.remove("status")
                            data__facts_item__status = data__facts_item["status"]
                            if not (isinstance(data__facts_item__status, str) and data__facts_item__status == 'established' or isinstance(data__facts_item__status, str) and data__facts_item__status == 'supported' or isinstance(data__facts_item__status, str) and data__facts_item__status == 'claimed' or isinstance(data__facts_item__status, str) and data__facts_item__status == 'contested' or isinstance(data__facts_item__status, str) and data__facts_item__status == 'disputed'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].status".format(**locals()) + " must be one of ['established', 'supported', 'claimed', 'contested', 'disputed']")
                        if "tags" in data__facts_item_keys:
                            data__facts_item_keys.remove("tags")
                            data__facts_item__tags = data__facts_item["tags"]
                            if not isinstance(data__facts_item__tags, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].tags".format(**locals()) + " must be array")
                            data__facts_item__tags_is_list = isinstance(data__facts_item__tags, (list, tuple))
                            if data__facts_item__tags_is_list:
                                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                                data__facts_item__tags_len = len(data__facts_item__tags)
                                if data__facts_item__tags_len > len(set(fn(data__facts_item__tags_x) for data__facts_item__tags_x in data__facts_item__tags)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].tags".format(**locals()) + " must contain unique items")
                                for data__facts_item__tags_x, data__facts_item__tags_item in enumerate(data__facts_item__tags):
                                    if not isinstance(data__facts_item__tags_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].tags[{data__facts_item__tags_x}]".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__tags_item, str):
                                        data__facts_item__tags_item_len = len(data__facts_item__tags_item)
                                        if data__facts_item__tags_item_len > 80:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].tags[{data__facts_item__tags_x}]".format(**locals()) + " must be shorter than or equal to 80 characters")
                                        if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__facts_item__tags_item):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].tags[{data__facts_item__tags_x}]".format(**locals()) + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$")
                        if "conditions" in data__facts_item_keys:
                            data__facts_item_keys.remove("conditions")
                            data__facts_item__conditions = data__facts_item["conditions"]
                            if not isinstance(data__facts_item__conditions, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].conditions".format(**locals()) + " must be array")
                            data__facts_item__conditions_is_list = isinstance(data__facts_item__conditions, (list, tuple))
                            if data__facts_item__conditions_is_list:
                                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                                data__facts_item__conditions_len = len(data__facts_item__conditions)
                                if data__facts_item__conditions_len > len(set(fn(data__facts_item__conditions_x) for data__facts_item__conditions_x in data__facts_item__conditions)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].conditions".format(**locals()) + " must contain unique items")
                                for data__facts_item__conditions_x, data__facts_item__conditions_item in enumerate(data__facts_item__conditions):
                                    if not (isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'fibromyalgia' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'chronic-pain' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'multiple-sclerosis' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'crohns-disease' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'long-covid' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'me-cfs' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'crps' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'hypothyroidism' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'rheumatoid-arthritis' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'autoimmune' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'allergy-asthma' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'cancer' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'hiv' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'opioid-dependence' or isinstance(data__facts_item__conditions_item, str) and data__facts_item__conditions_item == 'alcohol-dependence'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].conditions[{data__facts_item__conditions_x}]".format(**locals()) + " must be one of ['fibromyalgia', 'chronic-pain', 'multiple-sclerosis', 'crohns-disease', 'long-covid', 'me-cfs', 'crps', 'hypothyroidism', 'rheumatoid-arthritis', 'autoimmune', 'allergy-asthma', 'cancer', 'hiv', 'opioid-dependence', 'alcohol-dependence']")
                        if "sources" in data__facts_item_keys:
                            data__facts_item_keys.remove("sources")
                            data__facts_item__sources = data__facts_item["sources"]
                            if not isinstance(data__facts_item__sources, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources".format(**locals()) + " must be array")
                            data__facts_item__sources_is_list = isinstance(data__facts_item__sources, (list, tuple))
                            if data__facts_item__sources_is_list:
                                data__facts_item__sources_len = len(data__facts_item__sources)
                                if data__facts_item__sources_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources".format(**locals()) + " must contain at least 1 items")
                                for data__facts_item__sources_x, data__facts_item__sources_item in enumerate(data__facts_item__sources):
                                    if not isinstance(data__facts_item__sources_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}]".format(**locals()) + " must be object")
                                    data__facts_item__sources_item_is_dict = isinstance(data__facts_item__sources_item, dict)
                                    if data__facts_item__sources_item_is_dict:
                                        data__facts_item__sources_item__missing_keys = set(['ref']) - data__facts_item__sources_item.keys()
                                        if data__facts_item__sources_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}]".format(**locals()) + " must contain ")
                                        data__facts_item__sources_item_keys = set(data__facts_item__sources_item.keys())
                                        if "ref" in data__facts_item__sources_item_keys:
                                            data__facts_item__sources_item_keys.remove("ref")
                                            data__facts_item__sources_item__ref = data__facts_item__sources_item["ref"]
                                            if not isinstance(data__facts_item__sources_item__ref, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}].ref".format(**locals()) + " must be string")
                                            if isinstance(data__facts_item__sources_item__ref, str):
                                                data__facts_item__sources_item__ref_len = len(data__facts_item__sources_item__ref)
                                                if data__facts_item__sources_item__ref_len > 80:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}].ref".format(**locals()) + " must be shorter than or equal to 80 characters")
                                                if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__facts_item__sources_item__ref):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}].ref".format(**locals()) + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$")
                                        if "locator" in data__facts_item__sources_item_keys:
                                            data__facts_item__sources_item_keys.remove("locator")
                                            data__facts_item__sources_item__locator = data__facts_item__sources_item["locator"]
                                            if not isinstance(data__facts_item__sources_item__locator, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}].locator".format(**locals()) + " must be string")
                                            if isinstance(data__facts_item__sources_item__locator, str):
                                                data__facts_item__sources_item__locator_len = len(data__facts_item__sources_item__locator)
                                                if data__facts_item__sources_item__locator_len < 1:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}].locator".format(**locals()) + " must be longer than or equal to 1 characters")
                                                if not REGEX_PATTERNS['\\S'].search(data__facts_item__sources_item__locator):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}].locator".format(**locals()) + " must match pattern \\S")
                                        if data__facts_item__sources_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].sources[{data__facts_item__sources_x}]".format(**locals()) + " must not contain "+str(data__facts_item__sources_item_keys)+" properties")
                        if "note" in data__facts_item_keys:
                            data__facts_item_keys.remove("note")
                            data__facts_item__note = data__facts_item["note"]
                            if not isinstance(data__facts_item__note, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].note".format(**locals()) + " must be string")
                            if isinstance(data__facts_item__note, str):
                                data__facts_item__note_len = len(data__facts_item__note)
                                if data__facts_item__note_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].note".format(**locals()) + " must be longer than or equal to 1 characters")
                                if not REGEX_PATTERNS['\\S'].search(data__facts_item__note):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].note".format(**locals()) + " must match pattern \\S")
                        if "date" in data__facts_item_keys:
                            data__facts_item_keys.remove("date")
                            data__facts_item__date = data__facts_item["date"]
                            data__facts_item__date_one_of_count3 = 0
                            if data__facts_item__date_one_of_count3 < 2:
                                try:
                                    if not isinstance(data__facts_item__date, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].date".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__date, str):
                                        if not REGEX_PATTERNS['^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__facts_item__date):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].date".format(**locals()) + " must match pattern ^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$")
                                    data__facts_item__date_one_of_count3 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__facts_item__date_one_of_count3 < 2:
                                try:
                                    if not isinstance(data__facts_item__date, (int)) and not (isinstance(data__facts_item__date, float) and data__facts_item__date.is_integer()) or isinstance(data__facts_item__date, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].date".format(**locals()) + " must be integer")
                                    if isinstance(data__facts_item__date, (int, float, Decimal)) and not isinstance(data__facts_item__date, bool):
                                        if data__facts_item__date < 1000:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].date".format(**locals()) + " must be bigger than or equal to 1000")
                                        if data__facts_item__date > 9999:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].date".format(**locals()) + " must be smaller than or equal to 9999")
                                    data__facts_item__date_one_of_count3 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__facts_item__date_one_of_count3 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].date".format(**locals()) + " must be valid exactly by one definition")
                        if "related" in data__facts_item_keys:
                            data__facts_item_keys.remove("related")
                            data__facts_item__related = data__facts_item["related"]
                            if not isinstance(data__facts_item__related, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].related".format(**locals()) + " must be array")
                            data__facts_item__related_is_list = isinstance(data__facts_item__related, (list, tuple))
                            if data__facts_item__related_is_list:
                                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                                data__facts_item__related_len = len(data__facts_item__related)
                                if data__facts_item__related_len > len(set(fn(data__facts_item__related_x) for data__facts_item__related_x in data__facts_item__related)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].related".format(**locals()) + " must contain unique items")
                                for data__facts_item__related_x, data__facts_item__related_item in enumerate(data__facts_item__related):
                                    if not isinstance(data__facts_item__related_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].related[{data__facts_item__related_x}]".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__related_item, str):
                                        data__facts_item__related_item_len = len(data__facts_item__related_item)
                                        if data__facts_item__related_item_len > 80:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].related[{data__facts_item__related_x}]".format(**locals()) + " must be shorter than or equal to 80 characters")
                                        if not REGEX_PATTERNS['^[a-z0-9]+(?:-[a-z0-9]+)*$'].search(data__facts_item__related_item):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].related[{data__facts_item__related_x}]".format(**locals()) + " must match pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$")
                        if "values" in data__facts_item_keys:
                            data__facts_item_keys.remove("values")
                            data__facts_item__values = data__facts_item["values"]
                            if not isinstance(data__facts_item__values, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].values".format(**locals()) + " must be object")
                            data__facts_item__values_is_dict = isinstance(data__facts_item__values, dict)
                            if data__facts_item__values_is_dict:
                                data__facts_item__values_keys = set(data__facts_item__values.keys())
                                for data__facts_item__values_key in data__facts_item__values_keys:
                                    if data__facts_item__values_key not in []:
                                        data__facts_item__values_value = data__facts_item__values.get(data__facts_item__values_key)
                                        if not isinstance(data__facts_item__values_value, (int, float, Decimal, str, bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].values.{data__facts_item__values_key}".format(**locals()) + " must be number or string or boolean")
                                data__facts_item__values_len = len(data__facts_item__values)
                                if data__facts_item__values_len != 0:
                                    data__facts_item__values_property_names = True
                                    for data__facts_item__values_key in data__facts_item__values:
                                        try:
                                            if isinstance(data__facts_item__values_key, str):
                                                if not REGEX_PATTERNS['^[a-z][a-z0-9_]*$'].search(data__facts_item__values_key):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].values".format(**locals()) + " must match pattern ^[a-z][a-z0-9_]*$")
                                        except (JsonSchemaValueException, JsonSchemaValuesException):
                                            data__facts_item__values_property_names = False
                                    if not data__facts_item__values_property_names:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].values".format(**locals()) + " must be named by propertyName definition")
                        if "study" in data__facts_item_keys:
                            data__facts_item_keys.remove("study")
                            data__facts_item__study = data__facts_item["study"]
                            if not isinstance(data__facts_item__study, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study".format(**locals()) + " must be object")
                            data__facts_item__study_is_dict = isinstance(data__facts_item__study, dict)
                            if data__facts_item__study_is_dict:
                                data__facts_item__study__missing_keys = set(['name', 'type', 'year', 'design', 'result', 'verdict']) - data__facts_item__study.keys()
                                if data__facts_item__study__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study".format(**locals()) + " must contain ")
                                data__facts_item__study_keys = set(data__facts_item__study.keys())
                                if "name" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("name")
                                    data__facts_item__study__name = data__facts_item__study["name"]
                                    if not isinstance(data__facts_item__study__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.name".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__name, str):
                                        data__facts_item__study__name_len = len(data__facts_item__study__name)
                                        if data__facts_item__study__name_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.name".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__name):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.name".format(**locals()) + " must match pattern \\S")
                                if "type" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("type")
                                    data__facts_item__study__type = data__facts_item__study["type"]
                                    if not (isinstance(data__facts_item__study__type, str) and data__facts_item__study__type == 'trial' or isinstance(data__facts_item__study__type, str) and data__facts_item__study__type == 'meta-analysis' or isinstance(data__facts_item__study__type, str) and data__facts_item__study__type == 'review' or isinstance(data__facts_item__study__type, str) and data__facts_item__study__type == 'lab-study'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.type".format(**locals()) + " must be one of ['trial', 'meta-analysis', 'review', 'lab-study']")
                                if "condition" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("condition")
                                    data__facts_item__study__condition = data__facts_item__study["condition"]
                                    if not isinstance(data__facts_item__study__condition, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.condition".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__condition, str):
                                        data__facts_item__study__condition_len = len(data__facts_item__study__condition)
                                        if data__facts_item__study__condition_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.condition".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__condition):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.condition".format(**locals()) + " must match pattern \\S")
                                if "year" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("year")
                                    data__facts_item__study__year = data__facts_item__study["year"]
                                    if not isinstance(data__facts_item__study__year, (int)) and not (isinstance(data__facts_item__study__year, float) and data__facts_item__study__year.is_integer()) or isinstance(data__facts_item__study__year, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.year".format(**locals()) + " must be integer")
                                    if isinstance(data__facts_item__study__year, (int, float, Decimal)) and not isinstance(data__facts_item__study__year, bool):
                                        if data__facts_item__study__year < 1900:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.year".format(**locals()) + " must be bigger than or equal to 1900")
                                        if data__facts_item__study__year > 2100:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.year".format(**locals()) + " must be smaller than or equal to 2100")
                                if "design" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("design")
                                    data__facts_item__study__design = data__facts_item__study["design"]
                                    if not isinstance(data__facts_item__study__design, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.design".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__design, str):
                                        data__facts_item__study__design_len = len(data__facts_item__study__design)
                                        if data__facts_item__study__design_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.design".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__design):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.design".format(**locals()) + " must match pattern \\S")
                                if "country" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("country")
                                    data__facts_item__study__country = data__facts_item__study["country"]
                                    if not isinstance(data__facts_item__study__country, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.country".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__country, str):
                                        data__facts_item__study__country_len = len(data__facts_item__study__country)
                                        if data__facts_item__study__country_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.country".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__country):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.country".format(**locals()) + " must match pattern \\S")
                                if "participants" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("participants")
                                    data__facts_item__study__participants = data__facts_item__study["participants"]
                                    if not isinstance(data__facts_item__study__participants, (int)) and not (isinstance(data__facts_item__study__participants, float) and data__facts_item__study__participants.is_integer()) or isinstance(data__facts_item__study__participants, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.participants".format(**locals()) + " must be integer")
                                    if isinstance(data__facts_item__study__participants, (int, float, Decimal)) and not isinstance(data__facts_item__study__participants, bool):
                                        if data__facts_item__study__participants < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.participants".format(**locals()) + " must be bigger than or equal to 1")
                                if "population" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("population")
                                    data__facts_item__study__population = data__facts_item__study["population"]
                                    if not isinstance(data__facts_item__study__population, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.population".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__population, str):
                                        data__facts_item__study__population_len = len(data__facts_item__study__population)
                                        if data__facts_item__study__population_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.population".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__population):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.population".format(**locals()) + " must match pattern \\S")
                                if "studies" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("studies")
                                    data__facts_item__study__studies = data__facts_item__study["studies"]
                                    if not isinstance(data__facts_item__study__studies, (int)) and not (isinstance(data__facts_item__study__studies, float) and data__facts_item__study__studies.is_integer()) or isinstance(data__facts_item__study__studies, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.studies".format(**locals()) + " must be integer")
                                    if isinstance(data__facts_item__study__studies, (int, float, Decimal)) and not isinstance(data__facts_item__study__studies, bool):
                                        if data__facts_item__study__studies < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.studies".format(**locals()) + " must be bigger than or equal to 1")
                                if "dose_mg" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("dose_mg")
                                    data__facts_item__study__dosemg = data__facts_item__study["dose_mg"]
                                    if not isinstance(data__facts_item__study__dosemg, (int, float, Decimal)) or isinstance(data__facts_item__study__dosemg, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_mg".format(**locals()) + " must be number")
                                    if isinstance(data__facts_item__study__dosemg, (int, float, Decimal)) and not isinstance(data__facts_item__study__dosemg, bool):
                                        if data__facts_item__study__dosemg <= 0:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_mg".format(**locals()) + " must be bigger than 0")
                                if "dose_range_mg" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("dose_range_mg")
                                    data__facts_item__study__doserangemg = data__facts_item__study["dose_range_mg"]
                                    if not isinstance(data__facts_item__study__doserangemg, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_range_mg".format(**locals()) + " must be array")
                                    data__facts_item__study__doserangemg_is_list = isinstance(data__facts_item__study__doserangemg, (list, tuple))
                                    if data__facts_item__study__doserangemg_is_list:
                                        data__facts_item__study__doserangemg_len = len(data__facts_item__study__doserangemg)
                                        if data__facts_item__study__doserangemg_len < 2:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_range_mg".format(**locals()) + " must contain at least 2 items")
                                        if data__facts_item__study__doserangemg_len > 2:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_range_mg".format(**locals()) + " must contain less than or equal to 2 items")
                                        for data__facts_item__study__doserangemg_x, data__facts_item__study__doserangemg_item in enumerate(data__facts_item__study__doserangemg):
                                            if not isinstance(data__facts_item__study__doserangemg_item, (int, float, Decimal)) or isinstance(data__facts_item__study__doserangemg_item, bool):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_range_mg[{data__facts_item__study__doserangemg_x}]".format(**locals()) + " must be number")
                                            if isinstance(data__facts_item__study__doserangemg_item, (int, float, Decimal)) and not isinstance(data__facts_item__study__doserangemg_item, bool):
                                                if data__facts_item__study__doserangemg_item <= 0:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.dose_range_mg[{data__facts_item__study__doserangemg_x}]".format(**locals()) + " must be bigger than 0")
                                if "duration_weeks" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("duration_weeks")
                                    data__facts_item__study__durationweeks = data__facts_item__study["duration_weeks"]
                                    if not isinstance(data__facts_item__study__durationweeks, (int, float, Decimal)) or isinstance(data__facts_item__study__durationweeks, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.duration_weeks".format(**locals()) + " must be number")
                                    if isinstance(data__facts_item__study__durationweeks, (int, float, Decimal)) and not isinstance(data__facts_item__study__durationweeks, bool):
                                        if data__facts_item__study__durationweeks <= 0:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.duration_weeks".format(**locals()) + " must be bigger than 0")
                                if "outcome" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("outcome")
                                    data__facts_item__study__outcome = data__facts_item__study["outcome"]
                                    if not isinstance(data__facts_item__study__outcome, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.outcome".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__outcome, str):
                                        data__facts_item__study__outcome_len = len(data__facts_item__study__outcome)
                                        if data__facts_item__study__outcome_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.outcome".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__outcome):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.outcome".format(**locals()) + " must match pattern \\S")
                                if "result" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("result")
                                    data__facts_item__study__result = data__facts_item__study["result"]
                                    if not isinstance(data__facts_item__study__result, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.result".format(**locals()) + " must be string")
                                    if isinstance(data__facts_item__study__result, str):
                                        data__facts_item__study__result_len = len(data__facts_item__study__result)
                                        if data__facts_item__study__result_len < 1:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.result".format(**locals()) + " must be longer than or equal to 1 characters")
                                        if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__result):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.result".format(**locals()) + " must match pattern \\S")
                                if "effect" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("effect")
                                    data__facts_item__study__effect = data__facts_item__study["effect"]
                                    if not isinstance(data__facts_item__study__effect, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect".format(**locals()) + " must be object")
                                    data__facts_item__study__effect_is_dict = isinstance(data__facts_item__study__effect, dict)
                                    if data__facts_item__study__effect_is_dict:
                                        data__facts_item__study__effect__missing_keys = set(['measure', 'estimate']) - data__facts_item__study__effect.keys()
                                        if data__facts_item__study__effect__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect".format(**locals()) + " must contain ")
                                        data__facts_item__study__effect_keys = set(data__facts_item__study__effect.keys())
                                        if "measure" in data__facts_item__study__effect_keys:
                                            data__facts_item__study__effect_keys.remove("measure")
                                            data__facts_item__study__effect__measure = data__facts_item__study__effect["measure"]
                                            if not (isinstance(data__facts_item__study__effect__measure, str) and data__facts_item__study__effect__measure == 'MD' or isinstance(data__facts_item__study__effect__measure, str) and data__facts_item__study__effect__measure == 'SMD' or isinstance(data__facts_item__study__effect__measure, str) and data__facts_item__study__effect__measure == 'd' or isinstance(data__facts_item__study__effect__measure, str) and data__facts_item__study__effect__measure == 'RR' or isinstance(data__facts_item__study__effect__measure, str) and data__facts_item__study__effect__measure == 'difference' or isinstance(data__facts_item__study__effect__measure, str) and data__facts_item__study__effect__measure == 'percent-change'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.measure".format(**locals()) + " must be one of ['MD', 'SMD', 'd', 'RR', 'difference', 'percent-change']")
                                        if "estimate" in data__facts_item__study__effect_keys:
                                            data__facts_item__study__effect_keys.remove("estimate")
                                            data__facts_item__study__effect__estimate = data__facts_item__study__effect["estimate"]
                                            if not isinstance(data__facts_item__study__effect__estimate, (int, float, Decimal)) or isinstance(data__facts_item__study__effect__estimate, bool):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.estimate".format(**locals()) + " must be number")
                                        if "ci_low" in data__facts_item__study__effect_keys:
                                            data__facts_item__study__effect_keys.remove("ci_low")
                                            data__facts_item__study__effect__cilow = data__facts_item__study__effect["ci_low"]
                                            if not isinstance(data__facts_item__study__effect__cilow, (int, float, Decimal)) or isinstance(data__facts_item__study__effect__cilow, bool):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.ci_low".format(**locals()) + " must be number")
                                        if "ci_high" in data__facts_item__study__effect_keys:
                                            data__facts_item__study__effect_keys.remove("ci_high")
                                            data__facts_item__study__effect__cihigh = data__facts_item__study__effect["ci_high"]
                                            if not isinstance(data__facts_item__study__effect__cihigh, (int, float, Decimal)) or isinstance(data__facts_item__study__effect__cihigh, bool):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.ci_high".format(**locals()) + " must be number")
                                        if "p" in data__facts_item__study__effect_keys:
                                            data__facts_item__study__effect_keys.remove("p")
                                            data__facts_item__study__effect__p = data__facts_item__study__effect["p"]
                                            if not isinstance(data__facts_item__study__effect__p, (int, float, Decimal)) or isinstance(data__facts_item__study__effect__p, bool):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.p".format(**locals()) + " must be number")
                                            if isinstance(data__facts_item__study__effect__p, (int, float, Decimal)) and not isinstance(data__facts_item__study__effect__p, bool):
                                                if data__facts_item__study__effect__p < 0:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.p".format(**locals()) + " must be bigger than or equal to 0")
                                                if data__facts_item__study__effect__p > 1:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.p".format(**locals()) + " must be smaller than or equal to 1")
                                        if "scale" in data__facts_item__study__effect_keys:
                                            data__facts_item__study__effect_keys.remove("scale")
                                            data__facts_item__study__effect__scale = data__facts_item__study__effect["scale"]
                                            if not isinstance(data__facts_item__study__effect__scale, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.scale".format(**locals()) + " must be string")
                                            if isinstance(data__facts_item__study__effect__scale, str):
                                                data__facts_item__study__effect__scale_len = len(data__facts_item__study__effect__scale)
                                                if data__facts_item__study__effect__scale_len < 1:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.scale".format(**locals()) + " must be longer than or equal to 1 characters")
                                                if not REGEX_PATTERNS['\\S'].search(data__facts_item__study__effect__scale):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect.scale".format(**locals()) + " must match pattern \\S")
                                        if data__facts_item__study__effect_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.effect".format(**locals()) + " must not contain "+str(data__facts_item__study__effect_keys)+" properties")
                                if "verdict" in data__facts_item__study_keys:
                                    data__facts_item__study_keys.remove("verdict")
                                    data__facts_item__study__verdict = data__facts_item__study["verdict"]
                                    if not (isinstance(data__facts_item__study__verdict, str) and data__facts_item__study__verdict == 'benefit' or isinstance(data__facts_item__study__verdict, str) and data__facts_item__study__verdict == 'no-benefit' or isinstance(data__facts_item__study__verdict, str) and data__facts_item__study__verdict == 'mixed' or isinstance(data__facts_item__study__verdict, str) and data__facts_item__study__verdict == 'inconclusive'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study.verdict".format(**locals()) + " must be one of ['benefit', 'no-benefit', 'mixed', 'inconclusive']")
                                if data__facts_item__study_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}].study".format(**locals()) + " must not contain "+str(data__facts_item__study_keys)+" properties")
                        if data__facts_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".facts[{data__facts_x}]".format(**locals()) + " must not contain "+str(data__facts_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data