/* A stand-in for Windows' bcryptprimitives.dll, for running SpotLink's Windows
 * builds under Wine 8, which lacks the DLL. Rust's standard library (1.78 and later)
 * draws its random numbers from ProcessPrng there; this one forwards to
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * A test fixture only: scripts/cross builds it into the Wine prefix the tests use.
 * It is never shipped; real Windows (8 and later) has the DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
