package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.Eui64;

class FleetCsvTest {

    private static final String MPAN = "1312345678907";

    private record Read(FleetCsv.Result result, List<MeterRecord> rows, List<FleetCsv.Rejected> rejected) {
    }

    private static Read read(String csv) {
        List<MeterRecord> rows = new ArrayList<>();
        List<FleetCsv.Rejected> rejected = new ArrayList<>();
        FleetCsv.Result r = FleetCsv.read(new StringReader(csv), "fleet.csv", l -> rows.add(l.meter()), rejected::add);
        return new Read(r, rows, rejected);
    }

    @Test
    void readsWhatASpreadsheetWrites() {
        String csv = "\uFEFFPSR,Device ID,MPXN,Device_Type,Payment Mode,Credit_Balance,Supplier\r\n"
                + "yes,00-DB-12-34-56-78-90-A0," + MPAN + ",esme,Prepayment,-2.50,\"Acme Energy, Ltd\"\r\n"
                + "0,00DB1234567890A1,1234567,GSME,credit,12,\"Acme\r\nEnergy\"\r\n";
        Read r = read(csv);
        assertThat(r.result().clean()).as(r.result().problems().toString()).isTrue();
        assertThat(r.rows()).hasSize(2);
        MeterRecord esme = r.rows().get(0);
        assertThat(esme.deviceId()).isEqualTo(Eui64.parse("00-DB-12-34-56-78-90-A0"));
        assertThat(esme.psr()).isTrue();
        assertThat(esme.creditBalance()).isEqualTo(-250);
        assertThat(esme.emergencyCreditLimit()).isEqualTo(1500);
        assertThat(esme.supplier()).isEqualTo("Acme Energy, Ltd");
        assertThat(r.rows().get(1).supplier()).isEqualTo("Acme\r\nEnergy");
        assertThat(r.rows().get(1).type()).isEqualTo(DeviceType.GSME);
    }

    @Test
    void everyProblemOfEveryRowIsReportedWithLineAndColumn() {
        String csv = "device_id,device_type,mpxn,payment_mode,credit_balance\n"
                + "00-DB-12-34-56-78-90,ESME," + MPAN + ",prepayment,1\n"             // line 2 bad EUI
                + "00DB000000000002,WATER,1234567,prepayment,1\n"                     // line 3 unknown type
                + "00DB000000000003,GSME,1234567,pay-as-you-go,1\n"                   // line 4 unknown mode
                + "00DB000000000004,GSME,1234567,prepayment,lots\n"                  // line 5 non-numeric
                + "00DB000000000005,GSME,1234567,prepayment,99999\n"                 // line 6 out of range
                + "00DB000000000006,ESME,1312345678908,prepayment,1\n"               // line 7 MPAN check digit
                + "00DB000000000007,GSME,12345,prepayment,1\n"                       // line 8 MPRN length
                + "00DB000000000002,GSME,1234567,credit,1\n"                         // line 9 duplicate of 3
                + "00DB000000000009,ESME,1234567,credit,1\n";                        // line 10 ESME with MPRN
        Read r = read(csv);
        assertThat(r.rows()).isEmpty();
        assertThat(r.result().rejectedRows()).isEqualTo(9);
        assertThat(r.result().problems()).extracting(FleetCsv.Problem::toString).containsExactly(
                "line 2, column device_id: EUI-64 '00-DB-12-34-56-78-90' must be 8 octets (16 hex digits), e.g."
                        + " 00-DB-12-34-56-78-90-A0 or 00DB1234567890A0",
                "line 3, column device_type: 'WATER' is not ESME or GSME",
                "line 4, column payment_mode: 'pay-as-you-go' is not prepayment or credit",
                "line 5, column credit_balance: 'lots' is not an amount in pounds (e.g. 12.34)",
                "line 6, column credit_balance: £99999 is out of range (-£15.00 to £10000.00)",
                "line 7, column mpxn: MPAN '1312345678908' has check digit 8, expected 7",
                "line 8, column mpxn: MPxN '12345' has 5 digits: an MPAN core has 13, an MPRN 6 to 10",
                "line 9, column device_id: duplicate device 00-DB-00-00-00-00-00-02 (first at line 3)",
                "line 10, column mpxn: ESME needs a 13-digit MPAN, got '1234567'");
        assertThat(r.rejected().get(0).values()).containsEntry("device_id", "00-DB-12-34-56-78-90");
    }

    @Test
    void linesCountQuotedNewlines() {
        String csv = "device_id,device_type,mpxn,payment_mode,supplier\n"
                + "00DB000000000001,GSME,1234567,credit,\"two\nlines\"\n"
                + "00DB000000000002,GSME,1234567,tariff,x\n";
        assertThat(read(csv).result().problems()).extracting(FleetCsv.Problem::line).containsExactly(4L);
    }

    @Test
    void missingRequiredColumnIsOneProblemForTheFile() {
        assertThatThrownBy(() -> read("device_id,device_type,payment_mode\n00DB000000000001,GSME,credit\n"))
                .isInstanceOf(DeviceException.class)
                .hasMessageStartingWith("fleet.csv line 1: missing required column 'mpxn' (columns: device_id,");
        assertThatThrownBy(() -> read("device_id,device_type,mpxn,payment_mode,colour\n"))
                .hasMessageStartingWith("fleet.csv line 1: unknown column 'colour'");
    }

    @Test
    void emptyAndBinaryFilesAreRefused() {
        assertThatThrownBy(() -> read("")).hasMessageStartingWith("fleet.csv is empty: expected a header row");
        assertThatThrownBy(() -> read("device_id,device_type,mpxn,payment_mode\n"))
                .hasMessage("fleet.csv has a header but no rows; nothing to import");
        String binary = new String(new byte[] {0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02, 0x0A}, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(binary)).hasMessage("fleet.csv is not a text CSV (binary content at character 3);"
                + " save the spreadsheet as CSV UTF-8");
    }

    @Test
    void exportThenImportGivesTheSameFleet() {
        List<MeterRecord> fleet = List.of(
                new MeterRecord(Eui64.parse("00DB000000000001"), DeviceType.ESME, Mpxn.parse(MPAN),
                        PrepaymentState.PaymentMode.PREPAYMENT, -1234, 1500, 25000, 30, true, "Acme \"Energy\", Ltd",
                        PrepaymentState.SupplyState.DISABLED, 15),
                new MeterRecord(Eui64.parse("00DB000000000002"), DeviceType.GSME, Mpxn.parse("987654"),
                        PrepaymentState.PaymentMode.CREDIT, 0, 0, 0, 0, false, "",
                        PrepaymentState.SupplyState.ENABLED, 0));
        StringWriter out = new StringWriter();
        FleetCsvWriter.write(out, fleet);
        assertThat(out.toString()).startsWith(String.join(",", FleetCsv.COLUMNS) + "\r\n");
        assertThat(read(out.toString()).rows()).isEqualTo(fleet);
    }
}
