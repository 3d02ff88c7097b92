"""Icons and translations, installed as the ``panel.resources`` package."""
