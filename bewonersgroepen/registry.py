"""Extension points for apps above `bewonersgroepen`: sections on a group's page and on an agreement's page.

`bewonersgroepen` must not import the apps that build on it, yet a group's page shows its
applications for the leefbaarheidsbudget. Such an app registers a section here in its
`secties.py`; the group page renders every registered section in order, with the same
`{% sectie %}` tag as the area pages.
"""

from gebieden.registry import Sectieregister

_groepssecties = Sectieregister()
register_groep_sectie = _groepssecties.register
groep_secties = _groepssecties.render

# The agreement's page: the leefbaarheidsbudget shows the yearly contributions the agreement promises.
_overeenkomstsecties = Sectieregister()
register_overeenkomst_sectie = _overeenkomstsecties.register
overeenkomst_secties = _overeenkomstsecties.render
