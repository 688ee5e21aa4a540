package com.awsinsight.categories.store.dynamodb;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sending to the X-Ray daemon from a thread whose interrupt flag is set (the SDK sets it again on calls aborted by
 * an interrupt, before the failure interceptors run): the document may be sent or dropped, but the socket stays
 * open, so later documents still reach the daemon.
 */
class XRayDaemonTest {

    @Test
    void anInterruptedSenderDoesNotSwitchTracingOffForTheProcess() throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             XRayDaemon sender = XRayDaemon.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), daemon.getLocalPort()))) {
            daemon.setSoTimeout(10_000);

            Thread.currentThread().interrupt();
            try {
                sender.send("{\"name\":\"while interrupted\"}");
            } finally {
                assertTrue(Thread.interrupted(), "the caller's interrupt is left as it was");
            }
            sender.send("{\"name\":\"after\"}");

            String last = "";
            while (!last.endsWith("{\"name\":\"after\"}")) {
                last = receive(daemon);
            }
            assertEquals(XRayDaemon.HEADER + "{\"name\":\"after\"}", last);
        }
    }

    private static String receive(DatagramSocket daemon) throws Exception {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        daemon.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
