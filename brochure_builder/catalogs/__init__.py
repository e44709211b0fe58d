"""Stage 3, catalogs: gettext catalogs from extraction to the translations a build may print.

extract.py makes the template, merge.py starts and updates catalogs, pofile.py reads and
writes PO files, plurals.py checks Plural-Forms, validate.py finds what must not be printed,
translator.py looks messages up, language.py is a language as a build reads it.
"""
