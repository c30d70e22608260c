"""How the portal shows things, for every app's templates: the template filters and tags (`euro`, `datum`,
`getal`, `opties`, `sectie`, `scrolltabel`) in weergave/templatetags/weergave.py, loaded on every template
as a builtin (TEMPLATES OPTIONS["builtins"] in config/settings/base.py), and `openbaar_gecached`
(weergave/cache.py): a public page from Django's cache for visitors without a login.

A library below the apps, like `invoer`, whose `format_euro` it uses: it imports no app of the portal
(tests/test_lagen.py), so a lower app's templates depend on nothing above it.
"""
