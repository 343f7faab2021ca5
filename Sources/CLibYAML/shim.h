#ifndef CADRE_CLIBYAML_SHIM_H
#define CADRE_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
