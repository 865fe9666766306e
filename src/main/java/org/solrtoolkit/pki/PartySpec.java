package org.solrtoolkit.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * A party the SMKI issues Organisation Certificates to: its name, kind and EUI-64 entity identifier,
 * and for a supplier that is a DCC User under a separate Gas Supplier User ID (domain.md section 6:
 * a RequestID begins with the user's EUI-64, and a supplier of both fuels may hold one per role),
 * that gas user id: {@code pki init} gives it its own DUIS XML-signing certificate
 * ({@value #GAS_XML_SIGNING_ALIAS}), under which the requests for gas meters go.
 */
public record PartySpec(String name, SmkiPartyKind kind, Eui64 eui, java.util.Optional<Eui64> gasUserId) {

    /** The keystore alias of a supplier's XML-signing key for its gas user id. */
    public static final String GAS_XML_SIGNING_ALIAS = "xml-sign-gas";

    public PartySpec {
        if (name == null || name.isBlank() || name.contains(":")) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "party name '" + name
                    + "' must be non-empty and must not contain ':'");
        }
        name = name.trim();
        if (gasUserId.isPresent() && kind != SmkiPartyKind.SUPPLIER) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "party '" + name + "': only a supplier has a gas user"
                    + " id (it is a " + kind + ")");
        }
        if (gasUserId.filter(eui::equals).isPresent()) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "party '" + name + "': the gas user id must differ"
                    + " from the party's EUI-64 (leave it out to use one user id for both fuels)");
        }
    }

    /** A party with one user id for every role. */
    public PartySpec(String name, SmkiPartyKind kind, Eui64 eui) {
        this(name, kind, eui, java.util.Optional.empty());
    }

    /** The demo parties of {@code keystores-sample/}; the two suppliers have a separate gas user id. */
    public static final List<PartySpec> DEMO = List.of(
            new PartySpec("Acme Energy", SmkiPartyKind.SUPPLIER, Eui64.parse("00-DB-A0-00-00-00-00-01"),
                    java.util.Optional.of(Eui64.parse("00-DB-A1-00-00-00-00-01"))),
            new PartySpec("Bravo Power", SmkiPartyKind.SUPPLIER, Eui64.parse("00-DB-B0-00-00-00-00-02"),
                    java.util.Optional.of(Eui64.parse("00-DB-B1-00-00-00-00-02"))),
            new PartySpec("Northern Networks", SmkiPartyKind.NETWORK_OPERATOR, Eui64.parse("00-DB-C0-00-00-00-00-03")),
            new PartySpec("DCC", SmkiPartyKind.DCC, Eui64.parse("00-DB-D0-00-00-00-00-04")));

    /**
     * Parses {@code NAME:KIND:EUI[:GAS_EUI]} where KIND is SUPPLIER (FAILING_SUPPLIER and SOLR are
     * suppliers too), NETWORK_OPERATOR or DCC, and GAS_EUI a supplier's separate gas user id.
     *
     * @throws PkiException BAD_INPUT, BAD_ROLE or BAD_EUI naming the part that is wrong
     */
    public static PartySpec parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(":");
        if (parts.length != 3 && parts.length != 4) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "{party} '" + text
                    + "' does not parse: use NAME:KIND:EUI[:GAS_EUI], e.g. 'Acme Energy:SUPPLIER:00-DB-A0-00-00-00-00-01'");
        }
        String kindText = parts[1].trim().toUpperCase(Locale.ROOT);
        if (kindText.equals("FAILING_SUPPLIER") || kindText.equals("SOLR")) {
            kindText = "SUPPLIER";
        }
        SmkiPartyKind kind = SmkiPartyKind.find(kindText).orElseThrow(() -> new PkiException(PkiException.Code.BAD_ROLE,
                "{party} '" + text + "': kind '" + parts[1] + "' is not SUPPLIER, NETWORK_OPERATOR or DCC"));
        return new PartySpec(parts[0], kind, Eui64.parse(parts[2]), parts.length == 4
                ? java.util.Optional.of(Eui64.parse(parts[3])) : java.util.Optional.empty());
    }

    /** A party of an event without a given EUI: one derived from its name, stable across runs. */
    public static PartySpec derived(String name, SmkiPartyKind kind) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.trim().toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] eui = {0x00, (byte) 0xDB, h[0], h[1], h[2], h[3], h[4], h[5]};
            return new PartySpec(name, kind, Eui64.of(eui));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The entity identifier an Organisation Certificate of this party carries for {@code role}. A
     * supplier or network operator is one entity under every role; the DCC is a separate entity per
     * role (domain.md section 6: the ACB, TCoS, Recovery and WAN Provider each appear in GBCS as an
     * originator or MAC party with its own system title), so that a command's originator names the
     * one key that signed it. A DCC role's EUI is the party's with its seventh octet replaced by the
     * role's GBCS number ({@link RemotePartyRole#code()}, e.g. 05 for the TCoS); the party's own EUI stays the DSP's, on its
     * DUIS XML-signing certificate.
     */
    public Eui64 eui(RemotePartyRole role) {
        if (kind != SmkiPartyKind.DCC) {
            return eui;
        }
        byte[] b = eui.toBytes();
        b[6] = (byte) Integer.parseInt(role.code(), 16);
        return Eui64.of(b);
    }

    /** Every entity identifier this party's certificates carry: its own, its gas user id's, each DCC role's. */
    public List<Eui64> euis() {
        java.util.LinkedHashSet<Eui64> all = new java.util.LinkedHashSet<>();
        all.add(eui);
        gasUserId.ifPresent(all::add);
        kind.keys().forEach(k -> all.add(eui(k.role())));
        return List.copyOf(all);
    }

    /** A file-system friendly form of the name, e.g. {@code acme-energy}. */
    public String slug() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
