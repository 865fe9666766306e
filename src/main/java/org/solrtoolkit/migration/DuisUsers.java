package org.solrtoolkit.migration;

import java.util.Optional;
import org.solrtoolkit.device.Mpxn;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Keystores;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;

/**
 * A supplier as a DCC User (domain.md section 6): the EUI-64 that begins its RequestIDs and the
 * XML-signing key that signs its requests, per fuel. A supplier with a separate Gas Supplier user id
 * (its {@value PartySpec#GAS_XML_SIGNING_ALIAS} certificate) sends its gas meters' requests under
 * that id, and the DCC checks the gas registration against it; otherwise one user id serves both.
 */
final class DuisUsers {

    /** One user id and the key that signs for it. */
    record User(Eui64 eui, Keystores.Entry key) {
    }

    private final User electricity;
    private final User gas;

    private DuisUsers(User electricity, User gas) {
        this.electricity = electricity;
        this.gas = gas;
    }

    /**
     * @throws CampaignException NO_XML_SIGNING_KEY if the party has no DUIS XML-signing key
     */
    static DuisUsers of(PkiService pki, String party, char[] password) {
        Keystores.Entry xml = DuisExport.xmlSigningKey(pki, party, password);
        User electricity = new User(eui(xml), xml);
        User gas = pki.certificate(party, PartySpec.GAS_XML_SIGNING_ALIAS).isPresent()
                ? user(pki.partyKey(party, PartySpec.GAS_XML_SIGNING_ALIAS, password)) : electricity;
        return new DuisUsers(electricity, gas);
    }

    User forFuel(Mpxn.Fuel fuel) {
        return fuel == Mpxn.Fuel.GAS ? gas : electricity;
    }

    /**
     * The user id under which {@code party} is registered for a meter point of {@code fuel}: its gas
     * user id for gas where it has one, else the EUI-64 of its XML-signing certificate, else (a party
     * without certificates here) {@code fallback}.
     */
    static Eui64 userId(PkiService pki, String party, Mpxn.Fuel fuel, Eui64 fallback) {
        Optional<Eui64> gas = fuel == Mpxn.Fuel.GAS ? pki.certificate(party, PartySpec.GAS_XML_SIGNING_ALIAS)
                .flatMap(c -> new CertificateInspector().inspect(c).eui()) : Optional.empty();
        return gas.or(() -> pki.certificate(party, "xml-sign").flatMap(c -> new CertificateInspector().inspect(c).eui()))
                .orElse(fallback);
    }

    private static User user(Keystores.Entry key) {
        return new User(eui(key), key);
    }

    private static Eui64 eui(Keystores.Entry key) {
        return new CertificateInspector().inspect(key.chain().get(0)).eui().orElseThrow(() -> new CampaignException(
                CampaignException.Code.NO_XML_SIGNING_KEY, "the XML-signing certificate " + key + " carries no EUI-64"));
    }
}
