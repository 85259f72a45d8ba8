"""Renderers: each turns documented records into one output format.

`plain`, `jsonout`, `markdown` and `citations` use only the standard library; `terminal`
imports Rich and is loaded only when a person is reading a terminal (or asks for a table).
"""
