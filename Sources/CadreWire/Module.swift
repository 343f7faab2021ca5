// CadreWire
