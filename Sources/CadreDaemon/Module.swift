// CadreDaemon
