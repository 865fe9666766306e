package org.solrtoolkit.event;

/** A live SoLR event, or a rehearsal run by a trainer. */
public enum EventMode { LIVE, REHEARSAL }
