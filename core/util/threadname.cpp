#include "util/threadname.h"

#include <pthread.h>

namespace ts::core {

void nameThisThread(const char* name) {
    pthread_setname_np(pthread_self(), name); // longer names are refused: they stay unnamed
}

} // namespace ts::core
