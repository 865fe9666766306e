/**
 * The simulated DCC (issue 16; domain.md section 6): it receives a SoLR's signed DUIS 6.23 request,
 * checks its XML signature and signer, the registration of the MPxN and the device, builds the GBCS
 * CS02b as TCoS, has the ACB MAC it, sends it to the device and wraps the device's signed GBCS
 * response in a signed DUIS response (or a rejection, or a DCC alert when the device does not
 * answer). Depends on {@code wire} and {@code pki}.
 */
package org.solrtoolkit.dcc;
