"""The site's date and number formats per language (``FORMAT_MODULE_PATH``).

Django reads what a module here leaves out from its own formats for the language.
"""
