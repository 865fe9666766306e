package org.solrtoolkit.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes meters as the fleet CSV {@link FleetCsv} reads (Commons CSV, RFC 4180: UTF-8 without BOM,
 * CRLF, every column with a header), so an export opens in a spreadsheet and imports again.
 */
public final class FleetCsvWriter {

    private FleetCsvWriter() {
    }

    /** Writes meters as CSV with every column (UTF-8 without BOM, CRLF), readable by {@link FleetCsv#read}. */
    public static void write(Writer out, Iterable<MeterRecord> meters) {
        Consumer<MeterRecord> sink = writer(out);
        meters.forEach(sink);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sink that writes the header now and one row per meter given, for exports too big to hold. */
    public static Consumer<MeterRecord> writer(Writer out) {
        return writer(out, null);
    }

    /** The same, with {@code comment} (e.g. a rehearsal's marking) as a '#' line above the header. */
    public static Consumer<MeterRecord> writer(Writer out, String comment) {
        try {
            CSVFormat.Builder b = CSVFormat.RFC4180.builder().setHeader(FleetCsv.COLUMNS.toArray(String[]::new));
            if (comment != null) {
                b.setCommentMarker('#').setHeaderComments(comment);
            }
            CSVPrinter p = new CSVPrinter(out, b.get());
            return m -> {
                try {
                    p.printRecord(values(m));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A meter's fields as CSV text, in {@link FleetCsv#COLUMNS} order. */
    public static List<String> values(MeterRecord m) {
        return List.of(m.deviceId().toString(), m.type().name(), m.mpxn().value(),
                m.paymentMode().name().toLowerCase(Locale.ROOT), BigDecimal.valueOf(m.creditBalance(), 2).toPlainString(),
                BigDecimal.valueOf(m.emergencyCreditLimit(), 2).toPlainString(),
                BigDecimal.valueOf(m.debt(), 2).toPlainString(), String.valueOf(m.debtRecoveryPercent()),
                String.valueOf(m.psr()), m.supplier(), m.supply().name().toLowerCase(Locale.ROOT),
                BigDecimal.valueOf(m.consumptionPerHour(), 2).toPlainString());
    }
}
