import Foundation
import TestSupport
import Testing

@Suite("Kubernetes manifests")
struct KubernetesManifestTests {
    let manifests = KubernetesManifests()

    @Test("the kustomization lists every manifest in the folder, and only those")
    func kustomizationListsEveryManifest() throws {
        let listed = try manifests.kustomizationResources()
        #expect(listed.sorted() == (try manifests.manifestFiles()))
        #expect(listed.count >= 10)
    }

    @Test("every manifest passes kubernetes-validate in strict mode, offline")
    func everyManifestIsValid() async throws {
        let validator = try KubernetesManifests.kubernetesValidate()
        let files = try manifests.manifestFiles()
        let result = try await ManagedProcess.run(
            executable: validator,
            arguments: ["--strict"] + files.map { manifests.folder.appendingPathComponent($0).path },
            timeout: 120
        )
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("ERROR"), "\(result.output)")
        #expect(!result.output.contains("WARN"), "\(result.output)")
        for file in files {
            #expect(result.output.contains("\(file) passed"), "\(file) was not validated: \(result.output)")
        }
    }

    @Test("kubernetes-validate in strict mode rejects a misspelt field, so the check above can fail")
    func strictValidationRejectsUnknownFields() async throws {
        let validator = try KubernetesManifests.kubernetesValidate()
        let misspelt = try manifests.text(of: "app-deployment.yaml")
            .replacingOccurrences(of: "  replicas: 3", with: "  replica: 3")
        let file = try KubernetesManifests.temporaryFile(named: "app-deployment.yaml", containing: misspelt)
        let result = try await ManagedProcess.run(
            executable: validator,
            arguments: ["--strict", file.path],
            timeout: 120
        )
        #expect(result.status != 0, "\(result.output)")
        #expect(result.output.contains("replica"), "\(result.output)")
    }

    @Test("the Prometheus configuration in the ConfigMap passes promtool check config")
    func prometheusConfigurationIsValid() async throws {
        let promtool = try ManagedProcess.locate("promtool", debianPackage: "prometheus")
        let configuration = try manifests.configMapEntry("prometheus.yml", in: "prometheus-configmap.yaml")
        #expect(configuration.contains("role: pod"))
        #expect(configuration.contains("__meta_kubernetes_pod_annotation_prometheus_io_scrape"))
        let file = try KubernetesManifests.temporaryFile(named: "prometheus.yml", containing: configuration)
        let result = try await ManagedProcess.run(
            executable: promtool,
            arguments: ["check", "config", file.path],
            timeout: 60
        )
        if result.status == 0 {
            #expect(result.output.contains("SUCCESS"), "\(result.output)")
            return
        }
        // Debian builds Prometheus without the Kubernetes service discovery, so its promtool
        // rejects `kubernetes_sd_configs` as an unknown field. That is the only failure accepted
        // here; everything else (globals, relabelling rules and their regexes) is then checked
        // with the discovery block swapped for a static target.
        #expect(
            result.output.contains("field kubernetes_sd_configs not found"),
            "promtool rejected the configuration: \(result.output)"
        )
        let withStaticTarget = try KubernetesManifests.replacingKubernetesDiscovery(in: configuration)
        #expect(!withStaticTarget.contains("kubernetes_sd_configs"))
        let substituted = try KubernetesManifests.temporaryFile(named: "prometheus.yml", containing: withStaticTarget)
        let retry = try await ManagedProcess.run(
            executable: promtool,
            arguments: ["check", "config", substituted.path],
            timeout: 60
        )
        #expect(retry.status == 0, "\(retry.output)")
        #expect(retry.output.contains("SUCCESS"), "\(retry.output)")
    }

    @Test("the app runs as three non-root replicas with liveness on /healthz and readiness on /")
    func appDeploymentHasTheWorkshopShape() throws {
        let deployment = try manifests.text(of: "app-deployment.yaml")
        for line in [
            "  replicas: 3",
            "prometheus.io/scrape: \"true\"",
            "prometheus.io/port: \"9000\"",
            "runAsNonRoot: true",
            "runAsUser: 10001",
            "readOnlyRootFilesystem: true",
            "allowPrivilegeEscalation: false",
            "drop: [\"ALL\"]",
        ] {
            #expect(deployment.contains(line), "app-deployment.yaml lacks `\(line)`")
        }
        let liveness = try #require(deployment.range(of: "livenessProbe:"))
        let readiness = try #require(deployment.range(of: "readinessProbe:"))
        #expect(deployment[liveness.upperBound..<readiness.lowerBound].contains("path: /healthz"))
        #expect(deployment[readiness.upperBound...].contains("path: /\n"))
        let redis = try manifests.text(of: "redis-deployment.yaml")
        #expect(redis.contains("\"--appendonly\", \"yes\""))
        #expect(redis.contains("claimName: redis-data"))
    }
}
