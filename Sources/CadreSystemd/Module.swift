// CadreSystemd
