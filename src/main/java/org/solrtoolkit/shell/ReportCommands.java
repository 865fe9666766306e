package org.solrtoolkit.shell;

import java.nio.file.Path;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.report.ReportException;
import org.solrtoolkit.report.ReportService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code report event}: the PMA's and the trainer's report of an event. */
@Command(command = "report", group = "Reports")
public class ReportCommands {

    private final ObjectProvider<ReportService> reports;
    private final EventService events;
    private final Actors actors;

    ReportCommands(ObjectProvider<ReportService> reports, EventService events, Actors actors) {
        this.reports = reports;
        this.events = events;
        this.actors = actors;
    }

    @Command(command = "event", description = "HTML report with charts, CSV evidence and MANIFEST.sha256 in DIR")
    String event(@Option(longNames = "out", required = true, description = "new or empty folder") String out,
            @Option(longNames = "event", description = "event id (default: the current event)") String eventId,
            @Option(longNames = "force", defaultValue = "false", description = "write into a folder that is not empty")
            boolean force) {
        Event e = events.getOrCurrent(eventId);
        ReportService.Written w = reports.getObject().write(e, Path.of(out), force, actors.of(java.util.Optional.of(e)));
        String files = String.join(", ", w.files().stream().map(p -> p.getFileName().toString()).toList());
        if (!w.chain().ok()) {
            throw new ReportException(ReportException.Code.CHAIN_BROKEN, "report written to " + w.dir() + " (" + files
                    + "), but the audit chain is BROKEN at row " + w.chain().firstBadSeq().map(String::valueOf)
                            .orElse("?") + ": " + w.chain().problem() + "; the report says so on its first page");
        }
        return "report of " + e.id() + (w.rehearsal() ? " (REHEARSAL)" : "") + " written to " + w.dir() + ": " + files
                + "\naudit chain verified, head " + w.chain().headHash() + "\ncheck it with: cd " + w.dir()
                + " && sha256sum -c MANIFEST.sha256";
    }
}
