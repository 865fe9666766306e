package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for the SMKI record, its parties and certificates. */
final class SmkiRepository {

    /** The stored SMKI: where its files are and which policies it uses. */
    record Smki(String dir, String environment, String orgPolicy, String devicePolicy, String caKeystore) {
    }

    Optional<Smki> smki(NamedParameterJdbcTemplate jdbc) {
        return jdbc.query("SELECT dir, environment, org_policy, device_policy, ca_keystore FROM smki WHERE id = 1",
                Map.of(), (rs, n) -> new Smki(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).stream().findFirst();
    }

    void insertSmki(NamedParameterJdbcTemplate jdbc, Smki s, Instant at) {
        jdbc.update("INSERT INTO smki (id, dir, environment, org_policy, device_policy, ca_keystore, created_at)"
                + " VALUES (1, :dir, :env, :org, :dev, :ks, :at)", new MapSqlParameterSource().addValue("dir", s.dir())
                .addValue("env", s.environment()).addValue("org", s.orgPolicy()).addValue("dev", s.devicePolicy())
                .addValue("ks", s.caKeystore()).addValue("at", at.toString()));
    }

    void insertParty(NamedParameterJdbcTemplate jdbc, PartySpec p, String keystore) {
        jdbc.update("INSERT INTO pki_party (name, kind, eui, keystore) VALUES (:n, :k, :e, :ks)",
                new MapSqlParameterSource().addValue("n", p.name()).addValue("k", p.kind().name())
                        .addValue("e", p.eui().toString()).addValue("ks", keystore));
    }

    /** Every party, by name. */
    List<PartySpec> parties(NamedParameterJdbcTemplate jdbc) {
        return jdbc.query("SELECT name, kind, eui FROM pki_party ORDER BY name", Map.of(), (rs, i) -> new PartySpec(
                rs.getString("name"), SmkiPartyKind.valueOf(rs.getString("kind")), Eui64.parse(rs.getString("eui"))));
    }

    /**
     * The party's keystore path and spec, by name ignoring case. Party names are compared through
     * {@code lower()} on both sides: on PostgreSQL a CITEXT column against a string parameter
     * compares as text, with case.
     */
    Optional<Map.Entry<PartySpec, String>> party(NamedParameterJdbcTemplate jdbc, String name) {
        return jdbc.query("SELECT name, kind, eui, keystore FROM pki_party WHERE lower(name) = lower(:n)", Map.of("n", name),
                (rs, i) -> Map.entry(new PartySpec(rs.getString("name"), SmkiPartyKind.valueOf(rs.getString("kind")),
                        Eui64.parse(rs.getString("eui"))), rs.getString("keystore"))).stream().findFirst();
    }

    List<String> partyNames(NamedParameterJdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT name FROM pki_party ORDER BY name", Map.of(), String.class);
    }

    /** One certificate row's parameters. */
    static Object[] values(CertificateInfo info, X509CertificateHolder c, CellUsage cellUsage, String party,
            String alias, String keystore, String pem, Instant at) {
        try {
            return values(info, c.getEncoded(), cellUsage, party, alias, keystore, pem, at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A certificate's row, in the order of {@link #INSERT_CERTIFICATE}'s columns, with the DER
     * encoding already at hand (positional: bulk issuance binds a million of them).
     */
    static Object[] values(CertificateInfo info, byte[] der, CellUsage cellUsage, String party,
            String alias, String keystore, String pem, Instant at) {
        return new Object[] {info.serial(), info.kind().name(),
            info.role().map(RemotePartyRole::code).orElse(info.roleCode().orElse(null)),
            info.keyUsage().map(Enum::name).orElse(null), cellUsage == null ? null : cellUsage.name(),
            info.eui().map(Eui64::toString).orElse(null), party, alias, info.subject(), info.issuer(),
            text(info.notBefore()), text(info.notAfter()), info.ski(), info.aki(), info.sha256(), der, pem,
            keystore, text(at)};
    }

    /** The instant's ISO text; the last three made on this thread are remembered (bulk rows share them). */
    private static String text(Instant t) {
        Object[] last = LAST_TEXT.get();
        for (int i = 0; i < last.length; i += 2) {
            if (t.equals(last[i])) {
                return (String) last[i + 1];
            }
        }
        String text = t.toString();
        System.arraycopy(last, 0, last, 2, last.length - 2);
        last[0] = t;
        last[1] = text;
        return text;
    }

    private static final ThreadLocal<Object[]> LAST_TEXT = ThreadLocal.withInitial(() -> new Object[6]);

    static final String INSERT_CERTIFICATE = "INSERT INTO certificate (serial, kind, role, key_usage, cell_usage, eui,"
            + " party, alias, subject, issuer, not_before, not_after, ski, aki, sha256, der, pem_path, keystore,"
            + " issued_at, status, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VALID',"
            + " (SELECT coalesce(max(seq), 0) + 1 FROM certificate))";

    void insertCertificates(NamedParameterJdbcTemplate jdbc, List<Object[]> rows) {
        jdbc.getJdbcOperations().batchUpdate(INSERT_CERTIFICATE, rows);
    }

    private static final String SELECT = "SELECT serial, kind, role, key_usage, cell_usage, eui, party, alias, keystore,"
            + " pem_path, status, revoked_at, revocation_reason, der FROM certificate";

    Optional<CertificateRecord> find(NamedParameterJdbcTemplate jdbc, String serial) {
        return jdbc.query(SELECT + " WHERE serial = :s", Map.of("s", serial), (rs, n) -> map(rs)).stream().findFirst();
    }

    List<CertificateRecord> list(NamedParameterJdbcTemplate jdbc, String party) {
        return jdbc.query(SELECT + " WHERE (CAST(:p AS TEXT) IS NULL OR lower(party) = lower(:p)) AND kind <> 'DEVICE'"
                + " ORDER BY party, alias",
                new MapSqlParameterSource("p", party), (rs, n) -> map(rs));
    }

    /** Certificates of a party under an alias, newest first. */
    List<CertificateRecord> byAlias(NamedParameterJdbcTemplate jdbc, String party, String alias) {
        return jdbc.query(SELECT + " WHERE lower(party) = lower(:p) AND alias = :a ORDER BY issued_at DESC, seq DESC",
                Map.of("p", party, "a", alias), (rs, n) -> map(rs));
    }

    /** The valid DS certificates recorded for an EUI-64, newest first (a party may hold several roles' keys). */
    List<CertificateRecord> signingCertificates(NamedParameterJdbcTemplate jdbc, Eui64 eui) {
        return jdbc.query(SELECT + " WHERE eui = :e AND key_usage = 'DS' AND status = 'VALID'"
                + " ORDER BY issued_at DESC, seq DESC", Map.of("e", eui.toString()), (rs, n) -> map(rs));
    }

    /** The valid Device Certificates recorded for a device and key usage. */
    List<CertificateRecord> deviceCertificates(NamedParameterJdbcTemplate jdbc, Eui64 eui, KeyUsageType usage) {
        return jdbc.query(SELECT + " WHERE eui = :e AND key_usage = :u AND kind = 'DEVICE' AND status = 'VALID'",
                Map.of("e", eui.toString(), "u", usage.name()), (rs, n) -> map(rs));
    }

    List<CertificateRecord> revokedBy(NamedParameterJdbcTemplate jdbc, String issuer) {
        return jdbc.query(SELECT + " WHERE status = 'REVOKED' AND issuer = :i ORDER BY revoked_at",
                Map.of("i", issuer), (rs, n) -> map(rs));
    }

    boolean revoke(NamedParameterJdbcTemplate jdbc, String serial, Instant at, String reason) {
        return jdbc.update("UPDATE certificate SET status = 'REVOKED', revoked_at = :at, revocation_reason = :r"
                + " WHERE serial = :s AND status = 'VALID'", Map.of("s", serial, "at", at.toString(), "r", reason)) == 1;
    }

    private static CertificateRecord map(ResultSet rs) throws SQLException {
        try {
            String role = rs.getString("role");
            return new CertificateRecord(rs.getString("serial"), CertificateKind.valueOf(rs.getString("kind")),
                    Optional.ofNullable(role).flatMap(RemotePartyRole::fromCode),
                    Optional.ofNullable(rs.getString("key_usage")).map(KeyUsageType::valueOf),
                    Optional.ofNullable(rs.getString("cell_usage")).map(CellUsage::valueOf),
                    Optional.ofNullable(rs.getString("eui")).map(Eui64::parse),
                    Optional.ofNullable(rs.getString("party")), Optional.ofNullable(rs.getString("alias")),
                    Optional.ofNullable(rs.getString("keystore")), Optional.ofNullable(rs.getString("pem_path")),
                    CertificateRecord.Status.valueOf(rs.getString("status")),
                    Optional.ofNullable(rs.getString("revoked_at")).map(Instant::parse),
                    Optional.ofNullable(rs.getString("revocation_reason")), new X509CertificateHolder(rs.getBytes("der")));
        } catch (IOException e) {
            throw new SQLException("stored certificate does not parse", e);
        }
    }
}
