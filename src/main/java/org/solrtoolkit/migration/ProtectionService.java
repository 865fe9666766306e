package org.solrtoolkit.migration;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.DeviceException;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.NonDisablementCalendar;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.event.Authorisation;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.Party;
import org.solrtoolkit.pki.CertificateRecord;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.wire.CriticalService;
import org.solrtoolkit.wire.PrepaymentCommand;

/**
 * Protecting prepayment customers for real (domain.md section 7, issue 17): the critical service
 * requests 2.1 Update Prepay Configuration (with the non-disablement calendar), 2.5 Activate Emergency
 * Credit, 1.6 Update Payment Mode, 1.5 Update Meter Balance, 2.3 Update Debt and 7.1 Enable Supply,
 * each sent over DUIS and GBCS through the simulated DCC ({@link ProtectivePath}) and signed with the
 * Supplier DS key of the supplier the operator acts for: the Failing Supplier (its own staff or the SRP
 * acting for it, while the DCC still has it registered, MP185, and its certificates are in the cells,
 * MP134A) or the SoLR once it is registered and its certificates are placed.
 *
 * <p>Bad input is refused before anything is sent or written: parameters a meter cannot accept (an
 * EC limit above {@link PrepaymentState#MAX_EMERGENCY_CREDIT}, a malformed or overlapping calendar),
 * 7.1 on a gas meter (gas supply is enabled at the meter only). One meter: a request the DCC rejects
 * or the meter does not answer is one line and nothing is written; so is a run in which the meter
 * executed none of the requests (it authenticated them but could not run them, e.g. 2.5 above the
 * emergency credit threshold); when it ran some, its new state is written with each request's
 * outcome. Every prepayment meter: the
 * meters that took it are written page by page, each page with one audit row; the others are counted
 * by what the DCC reported (the trainer's view adds the meters' own reasons).
 */
public final class ProtectionService {

    static final int PAGE = 2_000;

    private final Supplier<Database> db;
    private final MeterService meters;
    private final Clock clock;
    private final PkiService pki;
    private final AuditLog audit;
    private final MeterLink link;
    private final MeterStore store = new MeterStore();
    private final FleetSamples samples = new FleetSamples(store);

    public ProtectionService(Supplier<Database> db, MeterService meters, Clock clock, PkiService pki, AuditLog audit,
            MeterLink link) {
        this.db = db;
        this.meters = meters;
        this.clock = clock;
        this.pki = pki;
        this.audit = audit;
        this.link = link;
    }

    /** One protective request as the user asks for it. */
    public record Step(CriticalService service, PrepaymentCommand parameters) {

        /** 2.5 Activate Emergency Credit. */
        public static Step emergencyCredit() {
            return new Step(CriticalService.ACTIVATE_EMERGENCY_CREDIT, PrepaymentCommand.NONE);
        }

        /** 1.6 Update Payment Mode to credit. */
        public static Step toCredit() {
            return new Step(CriticalService.UPDATE_PAYMENT_MODE, PrepaymentCommand.paymentMode(true));
        }

        /** 2.1 with only the non-disablement calendar. */
        public static Step calendar(String periods) {
            return new Step(CriticalService.UPDATE_PREPAY_CONFIGURATION, PrepaymentCommand.calendar(periods));
        }
    }

    /**
     * {@code meter safe-mode}'s named set of real requests: 2.1 with a calendar covering every minute
     * (the supply is never disabled) and 2.5 (an already disabled supply is armed where EC allows).
     */
    public static List<Step> safeModeShortcut() {
        return List.of(Step.calendar(NonDisablementCalendar.ALL_DAY), Step.emergencyCredit());
    }

    /** What a run did: per request, meters by what the sender saw; the meter (single) and the trainer's reasons. */
    public record Result(String signer, long meters, Map<String, Long> seen, Map<String, Long> trainer,
            Map<String, Eui64> example, List<String> single) {
        public long executed() {
            return seen.entrySet().stream().filter(e -> e.getKey().endsWith("executed")
                    && !e.getKey().contains("not executed")).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /**
     * Sends {@code steps} in order to meter {@code id}, or to every prepayment meter.
     *
     * @throws org.solrtoolkit.event.EventException NOT_A_PARTY or WRONG_ROLE for an operator who acts for
     *     no supplier of the event
     * @throws DeviceException BAD_INPUT for parameters a meter cannot accept; COMMAND_REFUSED when the one
     *     meter's request was rejected or not executed (nothing written)
     */
    public Result protect(Event event, Operator op, Optional<Eui64> id, List<Step> steps, char[] password, Actor actor) {
        if (steps.isEmpty()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "no protective request given");
        }
        steps.forEach(ProtectionRules::validate);
        Party signer = ProtectionRules.signer(event, op);
        ProtectivePath path = path(event, signer.name(), password);
        Map<String, Long> seen = new TreeMap<>();
        Map<String, Long> trainer = new TreeMap<>();
        Map<String, Eui64> example = new LinkedHashMap<>();
        if (id.isPresent()) {
            return one(event, signer, path, id.get(), steps, actor);
        }
        long count = 0;
        long touched = 0;
        Long after = null;
        Instant now = now();
        while (true) {
            List<StoredMeter> page = store.page(db.get().jdbc(), after, PAGE).stream().toList();
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id().value();
            record Done(StoredMeter meter, boolean changed, List<ProtectivePath.Outcome> outcomes) {
            }
            List<Done> done = page.parallelStream().filter(m -> m.prepayment().mode() == PrepaymentState.PaymentMode.PREPAYMENT
                    && m.commissioned()).map(m -> {
                        StoredMeter cur = m.settled(now);
                        boolean changed = false;
                        List<ProtectivePath.Outcome> outs = new ArrayList<>();
                        for (Step s : steps) {
                            ProtectivePath.Outcome o = path.send(cur, store.cells(db.get().jdbc(), cur.cellSetId()),
                                    new ProtectivePath.Request(s.service(), s.parameters()), now);
                            outs.add(o);
                            if (o.changed()) {
                                cur = o.meter();
                                changed = true;
                            }
                        }
                        return new Done(cur, changed, outs);
                    }).toList();
            List<StoredMeter> changed = new ArrayList<>();
            List<Object[]> alerts = new ArrayList<>();
            for (Done d : done) {
                count++;
                if (d.changed()) {
                    changed.add(d.meter());
                    touched++;
                }
                for (int i = 0; i < d.outcomes().size(); i++) {
                    ProtectivePath.Outcome o = d.outcomes().get(i);
                    String key = steps.get(i).service().srv() + " " + ProtectionRules.label(o);
                    seen.merge(key, 1L, Long::sum);
                    example.putIfAbsent(key, d.meter().id());
                    if (o.result() != ProtectivePath.Result.EXECUTED) {
                        trainer.merge(steps.get(i).service().srv() + " " + o.trainer(), 1L, Long::sum);
                    }
                    o.alerts().forEach(a -> alerts.add(new Object[] {d.meter().id().value(), a.alert().code(),
                            a.at().toEpochMilli(), steps.get(0).service().srv()}));
                }
            }
            if (!changed.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("signer", signer.name());
                detail.put("requests", steps.stream().map(s -> s.service().srv()).toList());
                detail.put("meters", changed.size());
                detail.put("first", changed.get(0).id().toString());
                detail.put("last", changed.get(changed.size() - 1).id().toString());
                db.get().write(jdbc -> {
                    store.update(jdbc, changed);
                    store.alerts(jdbc, alerts);
                    audit.append(jdbc, AuditEntry.of(now, actor, "meter.protect", "all prepayment meters", null,
                            String.join("+", steps.stream().map(s -> s.service().srv()).toList()), detail));
                    return null;
                });
            }
        }
        if (touched == 0 && count > 0) {
            String codes = String.join(", ", seen.keySet());
            String code = seen.keySet().stream().filter(k -> k.contains("rejected by the DCC ")).findFirst()
                    .map(k -> k.substring(k.lastIndexOf(' ') + 1)).orElse("");
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "no prepayment meter took the request"
                    + " signed by " + signer.name() + " (" + codes + "); nothing was written" + ProtectionRules.hint(code));
        }
        if (!event.isRehearsal()) {
            event.partyOf(PartyRole.SOLR).ifPresent(solr -> db.get().write(jdbc -> {
                samples.record(jdbc, event.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS), solr.name());
                return null;
            }));
        }
        return new Result(signer.name(), count, seen, trainer, example, List.of());
    }

    private Result one(Event event, Party signer, ProtectivePath path, Eui64 id, List<Step> steps, Actor actor) {
        Instant now = now();
        StoredMeter m = meters.show(id).meter().settled(now);
        if (!m.commissioned()) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + " has no trust anchor cells:"
                    + " it cannot check a critical command");
        }
        if (m.mpxn().fuel() == org.solrtoolkit.device.Mpxn.Fuel.GAS
                && steps.stream().anyMatch(s -> s.service() == CriticalService.ENABLE_SUPPLY)) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "meter " + id + " is gas: 7.1 Enable Supply works"
                    + " remotely for electricity only; a gas supply is enabled at the meter by the customer");
        }
        StoredMeter cur = m;
        boolean anyExecuted = false;
        List<String> lines = new ArrayList<>();
        List<Object[]> alerts = new ArrayList<>();
        String notExecuted = null;
        for (Step s : steps) {
            ProtectivePath.Outcome o = path.send(cur, store.cells(db.get().jdbc(), cur.cellSetId()),
                    new ProtectivePath.Request(s.service(), s.parameters()), now);
            boolean executed = o.result() == ProtectivePath.Result.EXECUTED;
            if (!executed && o.result() != ProtectivePath.Result.NOT_EXECUTED) {
                throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + ": " + s.service().srv()
                        + " signed by " + signer.name() + " " + o.seen() + "; nothing was written"
                        + (o.result() == ProtectivePath.Result.REJECTED ? ProtectionRules.hint(o.code()) : ""));
            }
            if (!executed && notExecuted == null) {
                notExecuted = s.service().srv() + " signed by " + signer.name() + " " + o.seen();
            }
            anyExecuted |= executed;
            cur = o.meter();
            lines.add(s.service().srv() + " " + o.seen());
            o.alerts().forEach(a -> alerts.add(new Object[] {id.value(), a.alert().code(), a.at().toEpochMilli(),
                    s.service().srv()}));
        }
        if (!anyExecuted) {
            // the meter authenticated the request but could not run it (e.g. emergency credit not available above
            // its threshold): for the one request asked, that is a refusal
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + ": " + notExecuted
                    + "; nothing was written");
        }
        StoredMeter done = cur;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("signer", signer.name());
        detail.put("requests", lines);
        db.get().write(jdbc -> {
            store.update(jdbc, List.of(done));
            store.alerts(jdbc, alerts);
            audit.append(jdbc, AuditEntry.of(now, actor, "meter.protect", id.toString(), ProtectionRules.describe(m.prepayment()),
                    ProtectionRules.describe(done.prepayment()), detail));
            return null;
        });
        return new Result(signer.name(), 1, Map.of(), Map.of(), Map.of(), lines);
    }

    /** Why {@code op} may not send protective requests in {@code event}, if so. */
    public Optional<String> refusal(Event event, Operator op) {
        return Authorisation.refusal(() -> ProtectionRules.signer(event, op));
    }

    private ProtectivePath path(Event event, String signer, char[] password) {
        DuisUsers users = DuisUsers.of(pki, signer, password);
        Set<BigInteger> revoked = new HashSet<>();
        for (String alias : List.of("xml-sign", org.solrtoolkit.pki.PartySpec.GAS_XML_SIGNING_ALIAS)) {
            pki.record(signer, alias).filter(r -> r.status() == CertificateRecord.Status.REVOKED)
                    .ifPresent(r -> revoked.add(new BigInteger(r.serial(), 16)));
        }
        return new ProtectivePath(users, revoked, pki.partyKey(signer, "supplier-ds", password).key(),
                DccSimulation.keys(pki, password), DccRegistration.of(db.get().jdbc(), pki, event),
                meters.onTheWire(password), link);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
