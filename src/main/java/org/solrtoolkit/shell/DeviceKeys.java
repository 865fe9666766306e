package org.solrtoolkit.shell;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.solrtoolkit.device.GbcsDelivery;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;

/**
 * The DS public keys a device's signed GBCS answers are checked with: its DS Device Certificates
 * recorded here ({@code fleet certificates import}), else, for a simulated meter, its own key (the
 * fleet secret is opened only when needed, with the keystore password).
 */
final class DeviceKeys {

    private DeviceKeys() {
    }

    static Function<Eui64, List<PublicKey>> lookup(PkiService pki, MeterService meters, Passwords passwords,
            String passwordFile) {
        GbcsDelivery[] fleet = new GbcsDelivery[1];
        return eui -> {
            List<PublicKey> known = new ArrayList<>(pki.signingKeys(eui));
            if (known.isEmpty() && meters.simulated()) {
                if (fleet[0] == null) {
                    fleet[0] = meters.onTheWire(passwords.get(passwordFile));
                }
                if (fleet[0].mpxn(eui).isPresent()) {
                    known.add(fleet[0].signing(eui));
                }
            }
            return known;
        };
    }
}
