"""Stage 2, clinics: the clinic file schema (clinic.py), its logo (logos.py), and its identity as printed (brand.py)."""
