// SPDX-License-Identifier: MIT
// The one main() of every CppUTest executable.
#include <CppUTest/CommandLineTestRunner.h>
#include <CppUTest/MemoryLeakWarningPlugin.h>

int main(int argc, char** argv)
{
#if defined(KIOSK_NO_CPPUTEST_LEAK_DETECTOR)
    // Sanitizer builds: AddressSanitizer checks leaks; CppUTest's operator new would clash.
    MemoryLeakWarningPlugin::turnOffNewDeleteOverloads();
#else
    // Many tests run worker threads (tasks, card and print workers, servers): the leak
    // detector's bookkeeping must take a lock, or concurrent new/delete corrupt it ("Deallocating
    // non-allocated memory" at random).
    MemoryLeakWarningPlugin::turnOnThreadSafeNewDeleteOverloads();
#endif
    return CommandLineTestRunner::RunAllTests(argc, argv);
}
