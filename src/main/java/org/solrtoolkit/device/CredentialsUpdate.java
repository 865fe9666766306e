package org.solrtoolkit.device;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;

/**
 * One CS02b (GBCS Update Security Credentials; domain.md section 3) built, signed with the
 * authorising party's key and sent to a stored meter. A refusal, or an answer in which no cell was
 * replaced, writes nothing; otherwise the replaced cells, the floors and the audit row commit together.
 */
final class CredentialsUpdate {

    private final MeterService owner;

    CredentialsUpdate(MeterService owner) {
        this.owner = owner;
    }

    Cs02bResponse send(Eui64 id, MeterService.CredentialsRequest req, char[] password, Actor actor) {
        Instant now = owner.now();
        StoredMeter stored = owner.require(id).settled(now);
        Map<TrustAnchorCell, CellContent> cells = owner.cells(stored);
        TrustAnchorCell auth = req.mode().authoriser();
        String signerName;
        PrivateKey key;
        Optional<byte[]> contingencyKey = Optional.empty();
        if (req.mode() == Cs02bMode.ANY_BY_CONTINGENCY) {
            // the DCC's Contingency key for the Root this meter holds, and the symmetric key that unwraps it there
            var c = owner.pki().contingency(cells.get(TrustAnchorCell.ROOT).ski(), password);
            signerName = "the DCC (contingency key)";
            key = c.key();
            contingencyKey = Optional.of(c.plaintextKey());
        } else {
            String name = req.signer().orElseGet(() -> owner.holder(cells.get(auth), auth));
            PartySpec signer = owner.pki().parties().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT, "{signer} '" + name
                            + "': the SMKI holds no such party (" + owner.partyNames() + ")"));
            String alias = req.signerAlias().or(() -> MeterService.aliasFor(auth, signer.kind())).orElseThrow(() ->
                    new DeviceException(DeviceException.Code.BAD_INPUT, "{signer} " + signer.name() + " (" + signer.kind()
                            + ") has no key for the " + auth + " cell; name one with {signer-key} ALIAS"));
            signerName = signer.name();
            key = owner.pki().partyKey(signer.name(), alias, password).key();
        }
        long counter = req.counter().orElseGet(() -> MeterService.counter(now, stored.floor(req.mode().floorRole())));
        Cs02bCommand cmd = new Cs02bCommand(req.mode(), auth, counter, id, req.replacements(),
                List.of(owner.pki().issuingOcaCertificate()), Optional.empty(), Optional.empty(), req.disapplyTimeChecks(),
                Map.of(), contingencyKey);
        SimulatedMeter meter = stored.toMeter(cells, null);
        Cs02bResponse r = meter.process(cmd.sign(key), now);
        if (!r.accepted()) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + " refused the CS02b ("
                    + req.mode() + " signed by " + signerName + "): " + r.rejection().orElseThrow());
        }
        if (r.outcomes().stream().noneMatch(o -> o.status() == CellStatus.SUCCESS)) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + " replaced no cell: "
                    + String.join("; ", r.outcomes().stream().map(o -> o.cell() + " status " + o.status().code() + " "
                            + o.status() + " (" + o.reason() + ")").toList()));
        }
        Map<TrustAnchorCell, CellContent> next = new EnumMap<>(meter.cells());
        String supplierNow = Optional.ofNullable(next.get(TrustAnchorCell.SUPPLIER_DS)).flatMap(CellContent::eui)
                .flatMap(owner.pki()::partyByEui).map(PartySpec::name).orElse(stored.supplier());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("mode", req.mode().name());
        detail.put("signer", signerName);
        detail.put("counter", Long.toUnsignedString(counter));
        detail.put("outcomes", r.outcomes().stream().map(o -> o.cell() + " " + o.status().code() + " " + o.status())
                .toList());
        detail.put("checks", r.checks().stream().map(c -> c.name() + ": " + (c.passed() ? "pass" : "fail")).toList());
        owner.database().get().write(jdbc -> {
            long set = owner.meters().cellSet(jdbc, next);
            owner.meters().update(jdbc, List.of(stored.after(meter).withCells(set, supplierNow)));
            owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.cs02b", id.toString(), stored.supplier(), supplierNow, detail));
            return null;
        });
        return r;
    }
}
