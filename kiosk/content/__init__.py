"""Content packs: the model, loading, validation, building and signing. Qt-free."""
