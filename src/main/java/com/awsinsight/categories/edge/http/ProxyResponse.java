package com.awsinsight.categories.edge.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** An API Gateway proxy response; bodies that are not text travel base64-encoded. */
public record ProxyResponse(int statusCode, Map<String, String> headers, byte[] body, boolean binary) {

    public static ProxyResponse json(int status, Object body) {
        return text(status, "application/json; charset=utf-8", Json.write(body));
    }

    public static ProxyResponse text(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new ProxyResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }

    public static ProxyResponse empty(int status) {
        return new ProxyResponse(status, new LinkedHashMap<>(), new byte[0], false);
    }

    public ProxyResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ProxyResponse(statusCode, copy, body, binary);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public ObjectNode toEvent() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("statusCode", statusCode);
        ObjectNode headerNode = node.putObject("headers");
        headers.forEach(headerNode::put);
        node.put("body", binary ? Base64.getEncoder().encodeToString(body) : bodyText());
        node.put("isBase64Encoded", binary);
        return node;
    }
}
