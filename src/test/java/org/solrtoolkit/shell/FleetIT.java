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
        Cli.Result piped = cli.run("fleet", "export", "--out", "-").ok(); // one convention: --out FILE, - for stdout
        assertThat(piped.out()).isEqualTo(Files.readString(dir.resolve("out.csv")));
        assertThat(piped.err()).isEqualTo("exported 2 meter(s) to stdout\n");
        assertThat(Files.readAllLines(dir.resolve("out.csv"))).hasSize(3);
    }

    @Test
    void generatesAFleetTopsUpProtectsAndMigratesAMeterWithSignedCommands() throws Exception {
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        cli.run("event", "create", "--name", "Acme failure", "--failing-supplier", "Acme Energy", "--solr",
                "Bravo Power", "--srp", "Acme SRP:Acme Energy", "--appointed-at", "2026-11-20T09:00:00Z",
                "--playbook", "solr-standard").ok();
        cli.run("pki", "init", "--dir", "smki").ok();
        assertThat(cli.run("fleet", "generate", "--count", "20", "--prepayment-share", "1", "--seed", "5").ok().out())
                .startsWith("generated 20 meter(s) supplied by Acme Energy, 00-DB-5E-00-00-00-00-01 to"
                        + " 00-DB-5E-00-00-00-00-14: 20 on prepayment; seed 5");
        String meter = "00-DB-5E-00-00-00-00-03";
        assertThat(cli.run("meter", "show", meter).ok().out()).containsPattern("payment mode: +PREPAYMENT")
                .containsPattern("floors: +SUPPLIER 0").contains("PREPAYMENT_TOP_UP", "Acme Energy");
        assertThat(cli.run("meter", "topup", meter, "--amount", "20", "--from", "Acme Energy").ok().out())
                .startsWith("UTRN 7394").contains("from Acme Energy accepted by " + meter);
        cli.run("meter", "topup", meter, "--amount", "20", "--from", "Bravo Power")
                .refused(1, "refused UTRN").err().contains("not authentic for this meter");
        // the SoLR is registered from T but its key is not in the cells yet: the meter does not answer
        cli.run("--as", "Bob@Bravo Power:SOLR", "meter", "safe-mode", meter)
                .refused(1, "2.1 signed by Bravo Power DCC alert N24: no response from the device; nothing was written");
        cli.run("--as", "Pat@SMKI PMA:PMA", "meter", "safe-mode", meter)
                .refused(1, "is not a PMA party of event");
        assertThat(cli.run("--as", "Sam@Acme SRP:SRP", "meter", "safe-mode", meter).ok().out())
                .startsWith("meter " + meter + " (signed by Acme Energy):\n  2.1 executed").contains("2.5 ");
        assertThat(cli.run("meter", "show", meter).ok().out()).containsPattern("non disablement calendar: +00:00-24:00");
        // bad input: one line, exit code, nothing written
        cli.run("--as", "Sam@Acme SRP:SRP", "meter", "protect", meter, "--request", "2.1", "--calendar",
                "18:00-22:00;21:00-23:00").refused(1, "non-disablement calendar: period 21:00-23:00 overlaps");
        cli.run("--as", "Sam@Acme SRP:SRP", "meter", "protect", meter, "--request", "2.1", "--ec-limit", "60")
                .refused(1, "emergency credit limit 6000p: a meter accepts 0 to 5000p");
        cli.run("--as", "Sam@Acme SRP:SRP", "meter", "protect", meter, "--request", "2.5", "--calendar", "00:00-24:00")
                .refused(2, "--calendar belongs to 2.1, not to this --request");
        cli.run("--as", "Sam@Acme SRP:SRP", "meter", "protect", meter, "--request", "9.9").refused(2, "--request '9.9'");
        assertThat(cli.run("meter", "update-credentials", meter, "--mode", "supplierByTransCoS", "--with", "Bravo Power")
                .ok().out()).contains("accepted the CS02b (SUPPLIER_BY_TRANS_COS)", "SUPPLIER_KA_TOPUP  0 SUCCESS");
        cli.run("--as", "Sam@Acme SRP:SRP", "meter", "safe-mode", meter, "--off")
                .refused(1, "signed by Acme Energy DCC alert N24: no response from the device");
        assertThat(cli.run("meter", "topup", meter, "--amount", "7.50", "--from", "Bravo Power").ok().out())
                .contains("from Bravo Power accepted");
        String audit = cli.run("audit", "verify").ok().out();

        // commands the meter refuses, and bad input: one line, exit code, nothing written
        String other = "00-DB-5E-00-00-00-00-04";
        cli.run("meter", "update-credentials", other, "--mode", "supplierByTransCoS", "--with", "Bravo Power",
                "--signer", "Acme Energy", "--signer-key", "supplier-ds")
                .refused(1, "signature: signature does not verify with the key in the TCOS_DS cell");
        // the meter's other checks (replay, role and usage, chain, mode) are each shown once in Cs02bProcessorTest
        cli.run("meter", "update-credentials", other, "--mode", "rootByMagic", "--with", "Bravo Power")
                .refused(2, "--mode 'rootByMagic' is not a CS02b mode");
        cli.run("fleet", "generate", "--count", "0").refused(2, "--count 0 must be 1 to 10000000");
        cli.run("meter", "show", "00-DB-5E-00").refused(1, "must be 8 octets");
        assertThat(cli.run("audit", "verify").ok().out()).isEqualTo(audit);
        assertThat(cli.run("fleet", "stats").ok().out()).containsPattern("supplier +Bravo Power +1\\b")
                .contains("20 meter(s), 20 on prepayment");
    }
}
