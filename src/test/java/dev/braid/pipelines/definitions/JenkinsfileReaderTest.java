package dev.braid.pipelines.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JenkinsfileReaderTest {
    private static DefinitionDag read(String text) {
        return JenkinsfileReader.read(new MapTreeFiles(Map.of("Jenkinsfile", text)), "Jenkinsfile", text);
    }

    @Test
    void declarativeStagesParallelBranchesAndNestedStages() {
        DefinitionDag dag = read("""
                // a comment with stage('Not a stage') { }
                pipeline {
                    agent any
                    stages {
                        stage('Build') {
                            steps { sh 'make' /* } */ }
                        }
                        stage("Test") {
                            parallel {
                                stage('Unit') { steps { sh "echo '{'" } }
                                stage('Integration') {
                                    stages {
                                        stage('Up') { steps { sh 'docker compose up' } }
                                        stage('Run') { steps { sh 'make it' } }
                                    }
                                }
                            }
                        }
                        stage('Deploy') {
                            when { branch 'main' }
                            steps { sh '''deploy }}} ''' }
                        }
                    }
                    post { always { echo 'done' } }
                }
                """);
        assertEquals(List.of("Build", "Test", "Unit", "Integration", "Up", "Run", "Deploy"),
                dag.jobs().stream().map(DefinedJob::name).toList());
        assertEquals(List.of("Test"), dag.job("Unit").orElseThrow().needs());
        assertEquals("Test", dag.job("Integration").orElseThrow().stage());
        assertEquals(List.of("Up"), dag.job("Run").orElseThrow().needs());
        assertEquals(List.of("Unit", "Run"), dag.job("Deploy").orElseThrow().needs());
        assertEquals("conditional", dag.job("Deploy").orElseThrow().attribute("when"));
        assertTrue(dag.complete(), dag.notes().toString());
    }

    @Test
    void scriptedPipelinesAreDrawnInOrderWithANote() {
        DefinitionDag dag = read("""
                node('linux') {
                    stage('Checkout') { checkout scm }
                    if (env.BRANCH_NAME == 'main') {
                        stage("Publish ${env.BRANCH_NAME}") { sh 'publish' }
                    }
                    stage 'Legacy'
                }
                """);
        assertEquals(List.of("Checkout", "Publish ${env.BRANCH_NAME}", "Legacy"), dag.jobs().stream().map(DefinedJob::name).toList());
        assertEquals(2, dag.notes().size(), dag.notes().toString());
    }

    @Test
    void garbageIsANoteNotACrash() {
        DefinitionDag dag = read("}}}{{{ ' \" /* ");
        assertTrue(dag.jobs().isEmpty());
        assertEquals(1, dag.notes().size());
    }
}
