package org.solrtoolkit.shell;

import org.solrtoolkit.migration.CampaignOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.device.DeviceException;
import org.solrtoolkit.event.EventException;
import org.solrtoolkit.migration.CampaignException;
import org.solrtoolkit.pki.PkiException;
import org.solrtoolkit.rehearsal.RehearsalException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.shell.command.CommandExecution;

/** Exit codes in one place: 2 for every usage error, whichever layer finds it; 1 for every other failure. */
class ExitCodesTest {

    @Test
    void aBadOptionValueExitsTwoWhicheverLayerFindsIt() {
        assertThat(ExitCodes.of(new UsageException("--mode 'rootByMagic' is not a CS02b mode"))).isEqualTo(2);
        Throwable threads = org.assertj.core.api.Assertions.catchThrowable(() -> new CampaignOptions(0, 10, 3,
                0));
        assertThat(threads).isInstanceOf(CampaignException.class);
        assertThat(ExitCodes.of(threads)).as("--threads 0").isEqualTo(2);
        assertThat(ExitCodes.of(new DeviceException(DeviceException.Code.BAD_OPTION, "--count 0"))).isEqualTo(2);
        assertThat(ExitCodes.of(new PkiException(PkiException.Code.BAD_OPTION, "--threads 99"))).isEqualTo(2);
        assertThat(ExitCodes.of(new RehearsalException(RehearsalException.Code.BAD_OPTION, "6 hours"))).isEqualTo(2);
        assertThat(ExitCodes.of(new CommandExecution.CommandParserExceptionsException("bad", List.of())))
                .as("unknown or missing option").isEqualTo(2);
        assertThat(ExitCodes.of(new org.springframework.shell.CommandNotFound(List.of("nope")))).isEqualTo(2);
    }

    @Test
    void aRuleOrInputFailureExitsOne() {
        assertThat(ExitCodes.of(new EventException(EventException.Code.WRONG_ROLE, "may not"))).isEqualTo(1);
        assertThat(ExitCodes.of(new CampaignException(CampaignException.Code.NO_FLEET, "empty"))).isEqualTo(1);
        assertThat(ExitCodes.of(new DeviceException(DeviceException.Code.COMMAND_REFUSED, "refused"))).isEqualTo(1);
        assertThat(ExitCodes.of(new DataAccessResourceFailureException("disk"))).isEqualTo(1);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(1);
    }

    @Test
    void aBenchmarkThatMissesItsTargetPrintsItsFiguresAndExitsOne() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(out, true);
        assertThat(BenchmarkVerdict.of("ratio 1.5", true, "ratio 1.5, target <= 2.0", ps)).isEqualTo("ratio 1.5");
        BenchmarkVerdict.Missed missed = org.assertj.core.api.Assertions.catchThrowableOfType(
                BenchmarkVerdict.Missed.class, () -> BenchmarkVerdict.of("ratio 3.4", false, "ratio 3.40, target <= 2.0",
                        ps));
        assertThat(out.toString()).isEqualTo("ratio 3.4" + System.lineSeparator());
        assertThat(missed.getMessage()).isEqualTo("benchmark missed its target: ratio 3.40, target <= 2.0");
        assertThat(ExitCodes.of(missed)).isEqualTo(1);
    }
}
