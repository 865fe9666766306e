package org.solrtoolkit.migration;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.CellStatus;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.Cs02bResponse;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.SimulatedMeter;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.device.TrustCache;

/**
 * One meter of a campaign, without the database: given the meter as stored and what its cells
 * hold, either it already holds the new Supplier certificates (APPLIED, no command), or the DCC
 * signs a CS02b (domain.md section 3), the meter checks it on the bytes and answers per cell, and
 * the answer is classified: APPLIED, PARTIAL (some cells refused), FAILED (the command or every
 * cell refused) or UNREACHABLE (a transient failure the campaign retries). With a {@link WirePath}
 * the command goes as the real one does, over DUIS and GBCS through the simulated DCC. Thread-safe:
 * the campaign runs it on its worker threads.
 */
final class MigrationStep {

    /** One meter's result: the meter after the command, its new cells (if any changed), and the item's state. */
    record Outcome(StoredMeter meter, Map<TrustAnchorCell, CellContent> cells, ItemState state, Integer code,
            String detail, int attempts, boolean commanded, String trainer) {

        /** An outcome whose detail is all there is to say (the meter's own words are the detail). */
        Outcome(StoredMeter meter, Map<TrustAnchorCell, CellContent> cells, ItemState state, Integer code, String detail,
                int attempts, boolean commanded) {
            this(meter, cells, state, code, detail, attempts, commanded, detail);
        }
    }

    private final CampaignRoute route;
    private final List<Cs02bCommand.Replacement> replacements;
    private final List<X509CertificateHolder> path;
    private final PrivateKey signer;
    private final Map<TrustAnchorCell, String> newSkis = new EnumMap<>(TrustAnchorCell.class);
    private final TrustCache trust = new TrustCache();
    private final MeterLink link;
    private final WirePath wire;
    /** The contingency route's plaintext symmetric key, carried in every command; empty on other routes. */
    private Optional<byte[]> contingencyKey = Optional.empty();

    MigrationStep(CampaignRoute route, List<Cs02bCommand.Replacement> replacements, X509CertificateHolder oca,
            PrivateKey signer, MeterLink link) {
        this(route, replacements, oca, signer, link, null);
    }

    /** @param wire the wire formats' path (DUIS, simulated DCC, GBCS), or null for the direct one */
    MigrationStep(CampaignRoute route, List<Cs02bCommand.Replacement> replacements, X509CertificateHolder oca,
            PrivateKey signer, MeterLink link, WirePath wire) {
        this.wire = wire;
        this.route = route;
        this.replacements = List.copyOf(replacements);
        this.path = List.of(oca);
        this.signer = signer;
        this.link = link;
        for (Cs02bCommand.Replacement r : replacements) {
            newSkis.put(r.cell(), CellContent.of(r.certificate()).ski());
        }
    }

    /** Carries {@code key} (GBCS plaintextSymmetricKey) in every command: the contingency route. Before the run. */
    MigrationStep withContingencyKey(byte[] key) {
        this.contingencyKey = Optional.of(key.clone());
        return this;
    }

    /** Signature checks of certificate chains the meters' trust cache has made so far. */
    long chainVerifications() {
        return trust.verifications();
    }

    /**
     * @param stored the meter, or null if it left the fleet since the campaign was planned
     * @param cells what its trust anchor cells hold (empty if it has none)
     */
    Outcome apply(StoredMeter stored, Map<TrustAnchorCell, CellContent> cells, int attempt, Instant now) {
        if (stored == null) {
            return new Outcome(null, null, ItemState.FAILED, CellStatus.OTHER.code(), "meter no longer in the fleet",
                    attempt, false);
        }
        StoredMeter m = stored.settled(now);
        if (!m.commissioned()) {
            return new Outcome(m, null, ItemState.FAILED, CellStatus.OTHER.code(), "meter has no trust anchor cells",
                    attempt, false);
        }
        if (newSkis.keySet().stream().allMatch(c -> cells.get(c) != null && cells.get(c).ski().equals(
                newSkis.get(c)))) {
            return new Outcome(m, null, ItemState.APPLIED, CellStatus.SUCCESS.code(), "cells already held "
                    + route.whose + "'s certificates; no command sent", attempt, false);
        }
        if (wire != null) {
            return wire.send(m, cells, replacements, path, trust, attempt, now);
        }
        Cs02bCommand cmd = new Cs02bCommand(route.mode, route.mode.authoriser(), MeterService.counter(now,
                m.floor(route.floor)), m.id(), replacements, path, Optional.empty(), Optional.empty(), false, Map.of(),
                contingencyKey);
        SimulatedMeter meter = m.toMeter(cells, null).trusting(trust);
        Cs02bResponse r;
        try {
            r = link.deliver(meter, cmd.sign(signer), now);
        } catch (MeterLink.Unreachable e) {
            return new Outcome(m, null, ItemState.UNREACHABLE, null, e.getMessage(), attempt, true);
        }
        if (!r.accepted()) {
            return new Outcome(m, null, ItemState.FAILED, CellStatus.OTHER.code(), r.rejection().orElse("refused"),
                    attempt, true);
        }
        List<Cs02bResponse.CellOutcome> failed = r.outcomes().stream().filter(x -> x.status() != CellStatus.SUCCESS)
                .toList();
        StoredMeter after = m.after(meter);
        Map<TrustAnchorCell, CellContent> next = new EnumMap<>(meter.cells());
        if (failed.isEmpty()) {
            return new Outcome(after, next, ItemState.APPLIED, CellStatus.SUCCESS.code(), null, attempt, true);
        }
        String detail = String.join("; ", failed.stream().map(x -> x.cell() + " " + x.status().code() + " "
                + x.status() + ": " + x.reason()).toList());
        boolean any = failed.size() < r.outcomes().size();
        return new Outcome(after, any ? next : null, any ? ItemState.PARTIAL : ItemState.FAILED,
                failed.get(0).status().code(), detail, attempt, true);
    }
}
