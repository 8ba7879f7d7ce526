package dev.braid.security.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented rules of import-policy.txt, one by one. */
class ImportPolicyTest {
    private final ImportPolicy policy = ImportPolicy.standard();

    private Rating rate(String module, String name, boolean called) {
        return policy.rate(module, name, called, false).rating();
    }

    @Test
    void theDenyListIsDangerousWhateverTheSpelling() {
        assertEquals(Rating.DANGEROUS, rate("os", "system", true));
        assertEquals(Rating.DANGEROUS, rate("posix", "system", true));
        assertEquals(Rating.DANGEROUS, rate("__builtin__", "eval", true));
        assertEquals(Rating.DANGEROUS, rate("torch._dynamo.guards", "GuardBuilder.get", true));
        assertEquals(Rating.DANGEROUS, rate("numpy", "testing._private.utils.runstring", true));
    }

    @Test
    void theMostSpecificRuleWins() {
        assertEquals(Rating.SAFE, rate("copyreg", "_reconstructor", true));
        assertEquals(Rating.DANGEROUS, rate("copyreg", "add_extension", true));
        assertEquals(Rating.SAFE, rate("uuid", "UUID", true));
        assertEquals(Rating.DANGEROUS, rate("uuid", "_get_command_stdout", true));
        assertEquals(Rating.SAFE, rate("torch.serialization", "_get_layout", true));
    }

    @Test
    void classesOfAllowedLibrariesAreSafeButTheirFunctionsAreNot() {
        assertEquals(Rating.SAFE, rate("sklearn.ensemble._forest", "RandomForestClassifier", true));
        assertEquals(Rating.SAFE, rate("numpy.random.bit_generator", "__pyx_unpickle_SeedSequence", true));
        assertEquals(Rating.UNKNOWN, rate("sklearn.ensemble._forest", "some_function", false));
        assertEquals(Rating.SUSPICIOUS, rate("sklearn.ensemble._forest", "RandomForestClassifier.fit", true));
        assertEquals(Rating.UNKNOWN, rate("sklearn.utils._bunchlike", "Thing", true));
        assertEquals(Rating.DANGEROUS, rate("pandas", "HDFStore", true));
    }

    @Test
    void importsOnNeitherListAreNeverSafe() {
        assertEquals(Rating.UNKNOWN, rate("mylib", "Model", true));
        assertEquals(Rating.UNKNOWN, rate("__main__", "Net", true));
        assertEquals(Rating.SUSPICIOUS, rate("netrc", "netrc", true));
        assertEquals(Rating.UNKNOWN, rate("netrc", "netrc", false));
    }

    @Test
    void structuralRulesNeedNoList() {
        assertEquals(Rating.DANGEROUS, rate("builtins", "object.__subclasses__", false));
        assertEquals(Rating.DANGEROUS, policy.rate("collections", "OrderedDict", false, true).rating());
        assertEquals(Rating.SUSPICIOUS, rate("42", "os", false));
    }
}
