#ifndef INFRAOBS_CHIREDIS_SHIM_H
#define INFRAOBS_CHIREDIS_SHIM_H
// The hiredis API that both 0.14 (Debian 12) and 1.x (Ubuntu 24.04) share:
// redisConnectWithTimeout, redisSetTimeout, redisCommandArgv, freeReplyObject, redisFree.
#include <hiredis/hiredis.h>
#endif
