package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.admission.CpuSupport.Status;

class CpuSupportTest {

    private static final String HASWELL = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) CPU E5-2680 v3
            flags\t\t: fpu vme de pse tsc msr sse sse2 ssse3 fma cx16 sse4_1 sse4_2 popcnt avx f16c avx2 bmi1 bmi2

            processor\t: 1
            flags\t\t: fpu vme de pse tsc msr sse sse2 ssse3 fma cx16 sse4_1 sse4_2 popcnt avx f16c avx2 bmi1 bmi2
            """;

    private static final String SANDY_BRIDGE = """
            processor\t: 0
            model name\t: Intel(R) Core(TM) i5-2400 CPU @ 3.10GHz
            flags\t\t: fpu vme de pse tsc msr sse sse2 ssse3 cx16 sse4_1 sse4_2 popcnt avx
            """;

    @Test
    void anAvx2CpuRunsTheEngine() {
        CpuSupport.CpuCheck check = CpuSupport.evaluate("amd64", Optional.of(HASWELL));

        assertThat(check.status()).isEqualTo(Status.SUPPORTED);
        assertThat(check.missingFeatures()).isEmpty();
        assertThat(check.canRun()).isTrue();
    }

    @Test
    void aCpuWithoutAvx2IsRefusedNamingWhatItLacks() {
        CpuSupport.CpuCheck check = CpuSupport.evaluate("amd64", Optional.of(SANDY_BRIDGE));

        assertThat(check.status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(check.missingFeatures()).containsExactly("avx2", "fma", "f16c");
        assertThat(check.canRun()).isFalse();
    }

    @Test
    void unknownWhereCpuinfoIsUnavailableAndNeverBlocking() {
        assertThat(CpuSupport.evaluate("amd64", Optional.empty()).status()).isEqualTo(Status.UNKNOWN);
        assertThat(CpuSupport.evaluate("amd64", Optional.of("no flags here")).status()).isEqualTo(Status.UNKNOWN);
        assertThat(CpuSupport.evaluate("ppc64le", Optional.empty()).canRun()).isTrue();
        assertThat(CpuSupport.evaluate("aarch64", Optional.empty()).status()).isEqualTo(Status.SUPPORTED);
    }

    @Test
    void detectsThisMachine() {
        CpuSupport.CpuCheck check = CpuSupport.detect();

        assertThat(check.architecture()).isEqualTo(System.getProperty("os.arch"));
        if (System.getProperty("os.name").startsWith("Linux") && check.architecture().equals("amd64")) {
            assertThat(check.status()).isNotEqualTo(Status.UNKNOWN);
        }
    }
}
