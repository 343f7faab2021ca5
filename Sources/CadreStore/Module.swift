// CadreStore
