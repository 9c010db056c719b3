"""Deposit packages for library repositories: a BagIt bag with METS/MODS/DC, zip, DSpace SAF."""
