package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document laid out but not yet drawn, with its truth.
 *
 * @param thermal whether it is a till roll, printed lighter than office paper
 */
record Draft(PageLayout page, ObjectNode truth, boolean thermal) {}
