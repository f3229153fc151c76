/* Shared attributes and limits for the tfms core. */
#ifndef TFMS_COMMON_H
#define TFMS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define TFMS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define TFMS_WARN_UNUSED       __attribute__((warn_unused_result))
#define TFMS_NORETURN	       __attribute__((noreturn))
#else
#define TFMS_PRINTF(fmt, args)
#define TFMS_WARN_UNUSED
#define TFMS_NORETURN
#endif

#define TFMS_VERSION "0.1.0"

#endif
