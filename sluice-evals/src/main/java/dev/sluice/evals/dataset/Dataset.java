package dev.sluice.evals.dataset;

import java.util.List;

/**
 * A loaded dataset.
 *
 * @param source where it was read from (file name), for reports
 * @param version {@code sha256:<hex>} of the file's bytes: the same content always has the same version
 * @param cases the cases in file order, ids unique
 */
public record Dataset(String source, String version, List<EvalCase> cases) {

    public Dataset {
        cases = List.copyOf(cases);
    }
}
