package com.awsinsight.categories.store.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * The X-Ray daemon Lambda runs next to the function, reached as the X-Ray SDKs reach it: one UDP datagram per
 * segment document, a header line {@code {"format":"json","version":1}} and the document. The address is
 * Lambda's {@code AWS_XRAY_DAEMON_ADDRESS} ({@code host:port}, or {@code tcp:host:port udp:host:port}, of which
 * the UDP one is used). Sending never fails a request: a datagram that cannot be sent is dropped, as the daemon
 * itself drops what it cannot forward.
 */
public final class XRayDaemon implements AutoCloseable {
    static final String HEADER = "{\"format\":\"json\",\"version\":1}\n";

    private final InetSocketAddress address;
    private final DatagramChannel channel;

    private XRayDaemon(InetSocketAddress address, DatagramChannel channel) {
        this.address = address;
        this.channel = channel;
    }

    /**
     * Resolves the daemon's address and opens the socket the documents are sent from: once per process, during init
     * (the composition root does it while the schema is built on the other thread), never on a request.
     *
     * @throws IllegalArgumentException when the host cannot be resolved
     */
    public static XRayDaemon open(InetSocketAddress address) {
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS: cannot resolve " + address.getHostString());
        }
        try {
            // Non-blocking: a send never waits (a full buffer drops the datagram), and an interrupted caller does
            // not close the channel, as a blocking send would (every later document would then be lost).
            DatagramChannel channel = DatagramChannel.open();
            channel.configureBlocking(false);
            return new XRayDaemon(resolved, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket for the X-Ray daemon", e);
        }
    }

    /**
     * The daemon's UDP address from {@code AWS_XRAY_DAEMON_ADDRESS}: {@code host:port}, or the {@code udp:}
     * part of {@code tcp:host:port udp:host:port}; not resolved yet ({@link #open} does that).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static InetSocketAddress address(String value) {
        String hostPort = null;
        for (String part : value.trim().split("\\s+")) {
            if (part.startsWith("udp:")) {
                hostPort = part.substring("udp:".length());
            }
        }
        if (hostPort == null && !value.contains("tcp:")) {
            hostPort = value.trim();
        }
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid(value);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw invalid(value);
            }
            return InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS must be host:port or \"tcp:host:port udp:host:port\", not \""
                + value + "\"");
    }

    /** Sends one segment document (its JSON text); dropped if the socket refuses it. */
    void send(String document) {
        byte[] bytes = (HEADER + document).getBytes(StandardCharsets.UTF_8);
        try {
            channel.send(ByteBuffer.wrap(bytes), address);
        } catch (IOException | RuntimeException e) {
            // a trace document is worth less than the request that made it: drop it
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was buffered: UDP
        }
    }
}
