// Argon2 reference library (Debian libargon2-dev) for password hashing.
#ifndef CLINIC_ARGON2_SHIM_H
#define CLINIC_ARGON2_SHIM_H
#include <argon2.h>
#endif
