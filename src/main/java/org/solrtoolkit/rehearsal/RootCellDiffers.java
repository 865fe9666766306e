package org.solrtoolkit.rehearsal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.SmkiEnvironment;

/**
 * Some meters hold another environment's Root in their Root cell (domain.md section 3): nothing
 * signed under our Root chains there, so CS02b answers status 10. The meters are the seed's
 * {@code meters} lowest hashes among commissioned meters.
 */
final class RootCellDiffers implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        int want = Integer.parseInt(c.params().get("meters"));
        PriorityQueue<long[]> pick = new PriorityQueue<>(Comparator.comparingDouble((long[] x) ->
                -Double.longBitsToDouble(x[1])));
        c.meters().forEachId(c.jdbc(), true, id -> {
            pick.add(new long[] {id, Double.doubleToLongBits(RehearsalNetwork.unit(c.rehearsal().seed(), c.ordinal(),
                    id))});
            if (pick.size() > want) {
                pick.poll();
            }
        });
        List<Long> ids = pick.stream().map(x -> x[0]).sorted().toList();
        CertificateIssuer issuer = new CertificateIssuer(c.clock());
        X509CertificateHolder other = issuer.root("Root OCA of another environment", issuer.newKeyPair(),
                SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 30));
        List<StoredMeter> changed = new ArrayList<>();
        for (StoredMeter m : c.meters().find(c.jdbc(), ids)) {
            Map<TrustAnchorCell, CellContent> cells = new EnumMap<>(c.meters().cells(c.jdbc(), m.cellSetId()));
            cells.put(TrustAnchorCell.ROOT, CellContent.of(other));
            changed.add(m.withCells(c.meters().cellSet(c.jdbc(), cells), m.supplier()));
        }
        changed.sort(Comparator.comparingLong(m -> m.id().value()));
        c.meters().update(c.jdbc(), changed);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", changed.size() + " meters hold another environment's Root in their Root cell");
        d.put("meters", changed.stream().map(m -> m.id().toString()).toList());
        d.put("root_ski", CellContent.of(other).ski());
        return d;
    }

    @Override
    public List<ParamProblem> check(Map<String, String> params, String failing, String solr) {
        String meters = params.get("meters");
        if (meters == null) {
            return List.of(new ParamProblem(null, "missing field 'meters' (how many meters)"));
        }
        try {
            long n = Long.parseLong(meters.replace("_", ""));
            return n >= 1 && n <= 1_000_000 ? List.of() : List.of(new ParamProblem("meters", "meters " + n
                    + " must be 1 to 1000000"));
        } catch (NumberFormatException e) {
            return List.of(new ParamProblem("meters", "meters '" + meters + "' is not a whole number"));
        }
    }
}
