package dev.litebench.engine.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * jinja2's {@code namespace(...)}: the one object whose attributes a template may assign,
 * {@code {% set ns.x = 1 %}}.
 */
final class Namespace {
    final Map<String, Object> attributes = new LinkedHashMap<>();
}
