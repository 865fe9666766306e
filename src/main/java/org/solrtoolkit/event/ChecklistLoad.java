package org.solrtoolkit.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.solrtoolkit.Json;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.audit.AuditVerification;
import org.solrtoolkit.store.Connections;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.StoreException;

/**
 * The load benchmark of a shared event (issue 18): each operator process works the steps of its
 * role for a while (start, done, reopen, as fast as the checklist lets it, two operators of a role
 * colliding on a step now and then) and records every change it committed with its audit row, every
 * stale refusal, and every failure while the server was down; the summary then checks, against the
 * database, that no committed change was lost (each is still there with its hash, each step's
 * version counts its audit rows) and that the chain has no fork, and gives the rate and the 99th
 * percentile latency.
 */
public final class ChecklistLoad {


    private final Supplier<Database> db;
    private final ChecklistService checklist;

    public ChecklistLoad(Supplier<Database> db, ChecklistService checklist) {
        this.db = db;
        this.checklist = checklist;
    }

    /**
     * Works {@code event} as {@code op} for {@code seconds} and writes what happened to {@code out}
     * (JSON): committed changes (audit seq and hash), latencies, stale refusals, failures while the
     * server could not be reached (with their one line).
     */
    public Map<String, Object> work(Event event, Operator op, long seconds, long seed, Path out) throws IOException {
        List<String> mine = checklist.steps(event).stream().filter(s -> s.role() == op.role()).map(StepView::id)
                .toList();
        Random random = new Random(seed);
        Files.writeString(Path.of(out + ".started"), op.toString()); // for a driver that waits for every operator
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> latencies = new ArrayList<>();
        List<Object[]> committed = new ArrayList<>();
        long stale = 0;
        long refused = 0;
        List<String> down = new ArrayList<>();
        AuditLog audit = new AuditLog();
        while (System.nanoTime() < end) {
            String step = mine.get(random.nextInt(mine.size()));
            StepView s;
            long t0 = System.nanoTime();
            try {
                s = checklist.step(event, step);
                StepAction a = switch (s.status()) {
                    case NOT_STARTED, BLOCKED -> StepAction.START;
                    case IN_PROGRESS -> StepAction.DONE;
                    default -> StepAction.REOPEN;
                };
                // done with the override (and its reason): the load is on the records, not the dependencies
                StepChange c = checklist.change(event, op, new StepRequest(step, a, "load", a == StepAction.START ? null
                        : "load test", null, a == StepAction.DONE));
                latencies.add(System.nanoTime() - t0);
                AuditRecord r = audit.find(db.get().jdbc(), c.auditSeq()).orElseThrow();
                committed.add(new Object[] {c.auditSeq(), r.hash(), step});
            } catch (EventException e) {
                if (e.errorCode() == EventException.Code.STALE) {
                    stale++;
                } else {
                    refused++;
                }
            } catch (StoreException e) {
                down.add(e.getMessage());
                sleep(200);
            } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
                // the server went away mid-statement: the transaction did not commit
                down.add("database " + db.get().name() + " cannot be reached (" + Connections.rootMessage(e)
                        + "); nothing of this change was written");
                sleep(200);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("operator", op.toString());
        r.put("changes", committed.size());
        r.put("stale", stale);
        r.put("refused", refused);
        r.put("down", down.size());
        r.put("down_lines", down.stream().distinct().limit(3).toList());
        r.put("latencies_ns", latencies);
        r.put("committed", committed);
        Files.write(out, Json.mapper().writeValueAsBytes(r));
        return r;
    }

    /** The figures and checks of a run, from the workers' files in {@code dir} and the database. */
    public record Summary(int operators, long changes, double perSecond, double p99Millis, double medianMillis,
            long stale, long down, long lost, boolean chainOk, long forks, String chainProblem) {
    }

    public Summary summarise(Path dir, long seconds) throws IOException {
        List<Long> latencies = new ArrayList<>();
        long changes = 0;
        long stale = 0;
        long down = 0;
        long lost = 0;
        int operators = 0;
        Database d = db.get();
        AuditLog audit = new AuditLog();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n = Json.mapper().readTree(f.toFile());
                operators++;
                changes += n.path("changes").asLong();
                stale += n.path("stale").asLong();
                down += n.path("down").asLong();
                n.path("latencies_ns").forEach(x -> latencies.add(x.asLong()));
                for (JsonNode c : n.path("committed")) {
                    // nothing committed is lost: the row is there, with the hash the worker saw
                    boolean there = audit.find(d.jdbc(), c.get(0).asLong()).map(r -> r.hash().equals(c.get(1).asText()))
                            .orElse(false);
                    lost += there ? 0 : 1;
                }
            }
        }
        AuditVerification v = audit.verify(d.jdbc());
        List<AuditRecord> all = audit.list(d.jdbc(), null, null);
        long links = all.stream().map(AuditRecord::prevHash).distinct().count();
        long rows = all.size();
        // and each step's version is the number of changes its audit rows record (no update overwrote another)
        Event event = null;
        for (AuditRecord r : all) {
            if (r.entry().eventId() != null) {
                event = new EventService(db, audit, java.time.Clock.systemUTC()).get(r.entry().eventId());
                break;
            }
        }
        if (event != null) {
            for (StepView sv : checklist.steps(event)) {
                long recorded = audit.list(d.jdbc(), event.id(), sv.id()).stream().filter(r -> r.entry().action()
                        .startsWith("step.")).count();
                lost += Math.max(0, recorded - sv.version());
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Summary(operators, changes, changes / (double) seconds, percentile(sorted, 0.99) / 1e6,
                percentile(sorted, 0.5) / 1e6, stale, down, lost, v.ok(), rows - links, v.ok() ? "" : v.problem());
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
