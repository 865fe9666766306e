package org.solrtoolkit.device;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Rejected rows as CSV: the row's values, its line and its reasons. */
final class RejectsWriter implements AutoCloseable {
    private final BufferedWriter out;
    private CSVPrinter printer;

    RejectsWriter(Path file) throws IOException {
        this.out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    synchronized void write(FleetCsv.Rejected r) {
        print(r.line(), new ArrayList<>(FleetCsv.COLUMNS.stream().map(c -> r.values().getOrDefault(c, "")).toList()),
                r.problems());
    }

    synchronized void write(long line, MeterRecord m, List<FleetCsv.Problem> problems) {
        print(line, FleetCsvWriter.values(m), problems);
    }

    private void print(long line, List<String> values, List<FleetCsv.Problem> problems) {
        if (out == null) {
            return;
        }
        try {
            if (printer == null) {
                List<String> header = new ArrayList<>(FleetCsv.COLUMNS);
                header.add("line");
                header.add("reasons");
                printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                        .get());
            }
            List<String> row = new ArrayList<>(values);
            while (row.size() < FleetCsv.COLUMNS.size()) {
                row.add("");
            }
            row.add(String.valueOf(line));
            row.add(problems.stream().map(p -> (p.column() == null ? "" : p.column() + ": ") + p.reason())
                    .collect(Collectors.joining("; ")));
            printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (printer != null) {
            printer.flush();
        }
        if (out != null) {
            out.close();
        }
    }
}
