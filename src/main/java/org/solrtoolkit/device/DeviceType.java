package org.solrtoolkit.device;

/** An electricity (ESME) or gas (GSME) smart meter. */
public enum DeviceType { ESME, GSME }
