package dev.braid.pipelines.orchestrators;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.ci.CiHttp;

/**
 * Finds which REST API an Airflow server speaks: {@code GET api/v2/version} answers on Airflow 3,
 * {@code api/v1/version} on Airflow 2 (both without credentials). A server that refuses the
 * question still has that API; one that has neither path is not Airflow.
 */
final class AirflowProbe {
    private AirflowProbe() {
    }

    static AirflowApi api(CiHttp http) throws PipelineException {
        if (answers(http, AirflowApi.V2)) {
            return AirflowApi.V2;
        }
        if (answers(http, AirflowApi.V1)) {
            return AirflowApi.V1;
        }
        throw PipelineException.permanent("no Airflow REST API at " + http.base() + " (neither /api/v2/version nor"
                + " /api/v1/version answered); give the address of the Airflow web server or API server.", null);
    }

    private static boolean answers(CiHttp http, AirflowApi api) throws PipelineException {
        try {
            http.json(api.prefix() + "version");
            return true;
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return false;
            }
            if (e.isTransient()) {
                throw e;
            }
            return true; // refused (401/403): the API is there
        }
    }
}
