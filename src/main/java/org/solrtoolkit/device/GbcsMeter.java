package org.solrtoolkit.device;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.wire.CellIdentifier;
import org.solrtoolkit.wire.CellKeyUsage;
import org.solrtoolkit.wire.Cra;
import org.solrtoolkit.wire.ExecutionOutcome;
import org.solrtoolkit.wire.GbcsException;
import org.solrtoolkit.wire.GbcsKdf;
import org.solrtoolkit.wire.GeneralCiphering;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.ReplacementMode;
import org.solrtoolkit.wire.ReplacementOutcome;
import org.solrtoolkit.wire.SeqNumberChange;
import org.solrtoolkit.wire.UpdateSecurityCredentials;
import org.solrtoolkit.wire.UpdateSecurityCredentialsResponse;

/**
 * A simulated meter on the wire (issue 16; domain.md section 6): it takes a CS02b as the octets the
 * DCC sends (General Ciphering with the ACB's MAC around the General Signing; a Recovery or
 * Contingency command without a MAC), checks the MAC with its own key-agreement key and the ACB
 * cell's, reads the GBCS ASN.1, checks the signature over the GBCS octets with the authorising
 * cell's key and then every check {@link SimulatedMeter} makes, and answers with a GBCS response
 * signed with its own DS key: per cell the status code and the existing and replacing subject
 * unique id and SKI (on a failed cell they are equal). A command refused as a whole gets no
 * response (the DCC reports it). A future-dated command is accepted at once and executed by
 * {@link #execute} at its time, its outcome sent as an 8F66 / 8F67 alert.
 */
public final class GbcsMeter {

    /** What the meter did and the GBCS octets it answers with. */
    public record Answer(Cs02bResponse outcome, Optional<byte[]> response, Optional<Deferred> deferred) {
    }

    /** A future-dated command accepted and waiting for its time. */
    public record Deferred(Cs02bCommand command, Instant at, Eui64Pair parties) {
    }

    /** The command's originator and this meter (the alert goes back to the originator). */
    public record Eui64Pair(org.solrtoolkit.pki.Eui64 originator, org.solrtoolkit.pki.Eui64 meter) {
    }

    private final SimulatedMeter meter;
    private final PrivateKey deviceDs;

    /** @param deviceDs the meter's own DS private key ({@link MeterKeys}) */
    public GbcsMeter(SimulatedMeter meter, PrivateKey deviceDs) {
        this.meter = meter;
        this.deviceDs = deviceDs;
    }

    public Answer handle(byte[] octets, Instant now) {
        List<Cs02bResponse.Check> checks = new ArrayList<>();
        GeneralSigning g;
        GeneralCiphering mac = null;
        UpdateSecurityCredentials usc = null;
        ReplacementMode mode = null;
        Optional<org.solrtoolkit.wire.CriticalService> critical;
        try {
            if (octets.length > 0 && (octets[0] & 0xFF) == 0xDD) {
                mac = GeneralCiphering.decode(octets);
                g = GeneralSigning.decode(mac.apdu());
            } else {
                g = GeneralSigning.decode(octets);
            }
            if (g.cra() != Cra.COMMAND) {
                return refused(checks, MeterCheck.PARSE, "the message is a " + g.cra() + ", not a command");
            }
            critical = org.solrtoolkit.wire.CriticalService.ofMessageCode(g.messageCode());
            if (critical.isEmpty()) {
                mode = ReplacementMode.ofMessageCode(g.messageCode()).orElse(null);
                if (mode == null) {
                    return refused(checks, MeterCheck.PARSE, String.format("message code 0x%04X is not a use case this"
                            + " meter runs (CS02b or a prepayment use case)", g.messageCode()));
                }
                usc = UpdateSecurityCredentials.decode(g.payload());
            }
        } catch (GbcsException e) {
            return refused(checks, MeterCheck.PARSE, e.getMessage());
        }
        boolean recovery = mode == ReplacementMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY
                || mode == ReplacementMode.ANY_BY_CONTINGENCY;
        if (!recovery) {
            Optional<CellContent> acb = meter.cell(TrustAnchorCell.ACB_KA);
            GeneralSigning signed = g;
            GeneralCiphering wrapped = mac;
            String what = critical.map(c -> c.srv() + " command").orElse(mode + " command");
            boolean ok = wrapped != null && acb.isPresent() && wrapped.macVerifies(GbcsKdf.derive(meter.keyAgreement()
                    .getPrivate(), meter.cellKey(acb.get().publicKey()), Cra.COMMAND, signed.counter(),
                    signed.originator(), signed.recipient()), signed.originator());
            if (!SimulatedMeter.check(checks, MeterCheck.MAC, "MAC", ok, () -> wrapped == null ? "no MAC on a " + what
                    : "MAC does not verify with this meter's key and the ACB cell's")) {
                return refused(checks, MeterCheck.MAC, wrapped == null ? "a " + what + " needs the ACB's MAC"
                        : "the MAC does not verify");
            }
        }
        if (critical.isPresent()) {
            return new PrepaymentCheck(meter).handle(g, critical.get(), checks, now, payload -> respond(g, payload, now));
        }
        Cs02bCommand cmd;
        try {
            cmd = internal(g, usc, mode);
        } catch (IllegalArgumentException e) {
            return refused(checks, MeterCheck.PARSE, e.getMessage());
        }
        Optional<org.solrtoolkit.pki.Eui64> holder = meter.cell(cmd.authorisingCell()).flatMap(CellContent::eui);
        GeneralSigning from = g;
        if (holder.isPresent() && !SimulatedMeter.check(checks, MeterCheck.ORIGINATOR, "originator",
                holder.get().equals(g.originator()), () -> "originator " + from.originator() + " is not the "
                        + cmd.authorisingCell() + " cell's " + holder.get())) {
            return refused(checks, MeterCheck.ORIGINATOR, "the originator is not the authorising cell's entity");
        }
        GeneralSigning command = g;
        java.util.function.Predicate<org.bouncycastle.asn1.x509.SubjectPublicKeyInfo> signature = spki -> {
            try {
                return command.verifies(meter.cellKey(spki));
            } catch (DeviceException e) {
                return false;
            }
        };
        if (usc.executionDateTime().filter(t -> t.isAfter(now)).isPresent()) {
            // accepted now (the checks that do not depend on the time of execution pass), executed later
            Cs02bResponse check = meter.check(cmd, signature, checks);
            if (!check.accepted()) {
                return new Answer(check, Optional.empty(), Optional.empty());
            }
            return new Answer(check, Optional.of(respond(g, UpdateSecurityCredentialsResponse.encode(Optional.empty()), now)),
                    Optional.of(new Deferred(cmd, usc.executionDateTime().get(), new Eui64Pair(g.originator(), g.recipient()))));
        }
        Cs02bResponse r = meter.process(cmd, signature, checks, now);
        if (!r.accepted()) {
            return new Answer(r, Optional.empty(), Optional.empty());
        }
        byte[] payload = UpdateSecurityCredentialsResponse.encode(Optional.of(outcome(cmd, r)));
        return new Answer(r, Optional.of(respond(g, payload, now)), Optional.empty());
    }

    /**
     * A future-dated command this meter accepted, read back from the octets it kept ({@code
     * meter_deferred}): they were authenticated on receipt (MAC, signature, counter), so only the
     * GBCS structure is read again.
     *
     * @throws IllegalStateException if the kept octets are not a future-dated CS02b (the table was edited)
     */
    public static Deferred kept(byte[] octets) {
        GeneralSigning g = (octets[0] & 0xFF) == 0xDD
                ? GeneralSigning.decode(GeneralCiphering.decode(octets).apdu()) : GeneralSigning.decode(octets);
        ReplacementMode mode = ReplacementMode.ofMessageCode(g.messageCode()).orElseThrow(() -> new IllegalStateException(
                String.format("message code 0x%04X is not a CS02b", g.messageCode())));
        UpdateSecurityCredentials usc = UpdateSecurityCredentials.decode(g.payload());
        Instant at = usc.executionDateTime().orElseThrow(() -> new IllegalStateException("the command is not future-dated"));
        return new Deferred(internal(g, usc, mode), at, new Eui64Pair(g.originator(), g.recipient()));
    }

    /** Executes a future-dated command at its time; the outcome as a signed GBCS 8F66 / 8F67 alert. */
    public Answer execute(Deferred d, long alertCounter, Instant now) {
        Cs02bResponse r = meter.process(d.command(), key -> true, new ArrayList<>(), now); // authenticated on receipt
        ExecutionOutcome o = outcome(d.command(), r);
        int code = r.accepted() && r.outcomes().stream().anyMatch(c -> c.status() == CellStatus.SUCCESS)
                ? UpdateSecurityCredentialsResponse.ALERT_FUTURE_DATED_SUCCESS
                : UpdateSecurityCredentialsResponse.ALERT_FUTURE_DATED_FAILURE;
        byte[] payload = new UpdateSecurityCredentialsResponse.Alert(code, now, o).encode();
        GeneralSigning alert = GeneralSigning.unsigned(Cra.ALERT, alertCounter, d.parties().meter(),
                d.parties().originator(), now, UpdateSecurityCredentialsResponse.ALERT_MESSAGE_CODE, payload).sign(deviceDs);
        return new Answer(r, Optional.of(alert.encode()), Optional.empty());
    }

    private byte[] respond(GeneralSigning command, byte[] payload, Instant now) {
        return GeneralSigning.unsigned(Cra.RESPONSE, command.counter(), meter.eui(), command.originator(), now,
                command.messageCode(), payload).sign(deviceDs).encode();
    }

    private static Answer refused(List<Cs02bResponse.Check> checks, MeterCheck check, String detail) {
        return new Answer(SimulatedMeter.rejected(checks, check, check.label(), detail), Optional.empty(), Optional.empty());
    }

    /** The GBCS command in the meter's own terms; what it cannot map is an IllegalArgumentException. */
    static Cs02bCommand internal(GeneralSigning g, UpdateSecurityCredentials u, ReplacementMode mode) {
        Cs02bMode m;
        try {
            m = Cs02bMode.valueOf(mode.name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials replacement mode " + mode.name().toLowerCase(
                    java.util.Locale.ROOT) + " is not supported by this meter");
        }
        if (u.authorisingSeqNumber() != g.counter()) {
            throw new IllegalArgumentException("authorising seq number " + u.authorisingSeqNumber()
                    + " differs from the originator counter " + Long.toUnsignedString(g.counter()));
        }
        TrustAnchorCell authoriser = u.authorisingCell().map(GbcsMeter::cell).orElse(m.authoriser());
        List<Cs02bCommand.Replacement> reps = new ArrayList<>();
        for (UpdateSecurityCredentials.Replacement r : u.replacements()) {
            reps.add(new Cs02bCommand.Replacement(cell(r.target()), r.certificate()));
        }
        OptionalLong supplier = OptionalLong.empty();
        OptionalLong topUp = OptionalLong.empty();
        java.util.Map<RemotePartyRole, Long> others = new java.util.EnumMap<>(RemotePartyRole.class);
        for (SeqNumberChange c : u.otherChanges()) {
            if (c.role() == RemotePartyRole.SUPPLIER) {
                supplier = OptionalLong.of(c.floor());
                topUp = c.prepaymentFloor();
            } else {
                others.put(c.role(), c.floor());
            }
        }
        // [4] and [5] are the new floors of the party whose cells the command replaces (its own mode's role)
        RemotePartyRole replaced = switch (m) {
            case SUPPLIER_BY_SUPPLIER -> RemotePartyRole.SUPPLIER;
            case NETWORK_OPERATOR_BY_NETWORK_OPERATOR -> RemotePartyRole.NETWORK_OPERATOR;
            case TRANS_COS_BY_TRANS_COS -> RemotePartyRole.TRANSITIONAL_COS;
            default -> null;
        };
        if (u.newFloor().isPresent() && replaced == null) {
            throw new IllegalArgumentException("a new remote party floor [4] in mode " + mode.name().toLowerCase(
                    java.util.Locale.ROOT) + ", which does not replace its authoriser's own cells");
        }
        if (u.newFloor().isPresent() && replaced == RemotePartyRole.SUPPLIER) {
            supplier = u.newFloor();
        } else if (u.newFloor().isPresent()) {
            others.put(replaced, u.newFloor().getAsLong());
        }
        if (u.newPrepaymentFloor().isPresent()) {
            topUp = u.newPrepaymentFloor();
        }
        return new Cs02bCommand(m, authoriser, g.counter(), g.recipient(), reps, u.certificationPath(),
                supplier.isPresent() ? Optional.of(supplier.getAsLong()) : Optional.empty(),
                topUp.isPresent() ? Optional.of(topUp.getAsLong()) : Optional.empty(), u.disapplyTimeChecks(), others,
                u.plaintextSymmetricKey());
    }

    /** The meter's cell for a GBCS cell identifier. */
    static TrustAnchorCell cell(CellIdentifier id) {
        for (TrustAnchorCell c : TrustAnchorCell.values()) {
            if (c.role() == id.role() && CellKeyUsage.of(c.usage()) == id.keyUsage() && c.cellUsage() == id.cellUsage()) {
                return c;
            }
        }
        throw new IllegalArgumentException("no trust anchor cell is " + id);
    }

    /** A meter cell as GBCS identifies it. */
    static CellIdentifier identifier(TrustAnchorCell c) {
        return new CellIdentifier(c.role(), CellKeyUsage.of(c.usage()), c.cellUsage());
    }

    /** The response's execution outcome: the floors now in force and, per cell, status and identities. */
    private ExecutionOutcome outcome(Cs02bCommand cmd, Cs02bResponse r) {
        List<ReplacementOutcome> cells = new ArrayList<>();
        for (Cs02bResponse.CellOutcome o : r.outcomes()) {
            CellContent existing = o.existing();
            CellContent replacing = o.status() == CellStatus.SUCCESS ? o.replacing() : existing;
            cells.add(new ReplacementOutcome(identifier(o.cell()), o.status().code(), uid(existing), ski(existing),
                    uid(replacing), ski(replacing)));
        }
        RemotePartyRole role = cmd.mode() == Cs02bMode.SUPPLIER_BY_TRANS_COS ? RemotePartyRole.SUPPLIER
                : cmd.authorisingCell().role();
        OptionalLong topUp = role == RemotePartyRole.SUPPLIER ? OptionalLong.of(meter.prepaymentFloor())
                : OptionalLong.empty();
        return new ExecutionOutcome(cmd.originatorCounter(), ReplacementMode.valueOf(cmd.mode().name()),
                List.of(new SeqNumberChange(role, meter.floor(role), topUp)), cells);
    }

    private static byte[] uid(CellContent c) {
        return c == null ? new byte[8] : c.eui().map(org.solrtoolkit.pki.Eui64::toBytes).orElse(new byte[8]);
    }

    private static byte[] ski(CellContent c) {
        return c == null || c.ski() == null || c.ski().isEmpty() ? new byte[8] : HexFormat.of().parseHex(c.ski());
    }
}
