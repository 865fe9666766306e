package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet inventory through the real jar: a spreadsheet's CSV in, every problem of a bad one, nothing written. */
class FleetIT {

    @TempDir
    Path dir;

    @Test
    void importsASpreadsheetCsvAndRefusesABadOneWholesale() throws Exception {
        Cli cli = new Cli(dir);
        Files.writeString(dir.resolve("fleet.csv"), "\uFEFFDevice ID,Device Type,MPXN,Payment Mode,Credit Balance,PSR\r\n"
                + "00-DB-12-34-56-78-90-A0,ESME,1312345678907,Prepayment,-2.50,yes\r\n"
                + "00DB1234567890A1,GSME,1234567,credit,0,no\r\n");
        assertThat(cli.run("fleet", "import", "fleet.csv").ok().out()).isEqualTo("imported 2 meter(s) from fleet.csv\n");

        Files.writeString(dir.resolve("bad.csv"), "device_id,device_type,mpxn,payment_mode\n"
                + "00DB1234567890A2,ESME,1312345678908,prepayment\n"
                + "00DB1234567890A0,GSME,1234567,credit\n");
        Cli.Result r = cli.run("fleet", "import", "bad.csv");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("bad.csv: line 2, column mpxn: MPAN '1312345678908' has check digit 8, expected 7",
                "bad.csv: line 3, column device_id: device 00-DB-12-34-56-78-90-A0 is already in the database",
                "bad.csv: 2 problem(s) in 2 row(s); nothing imported");

        Files.write(dir.resolve("fleet.xlsx"), new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00});
        cli.run("fleet", "import", "fleet.xlsx").refused(1, "fleet.xlsx is not a text CSV (binary content at"
                + " character 3)");

        assertThat(cli.run("fleet", "export", "out.csv").ok().out()).isEqualTo("exported 2 meter(s) to out.csv\n");
        assertThat(Files.readAllLines(dir.resolve("out.csv"))).hasSize(3);
    }
}
