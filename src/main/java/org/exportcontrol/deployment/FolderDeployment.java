package org.exportcontrol.deployment;

import java.util.List;

/**
 * The outcome of deploying the folders.
 *
 * @param deploymentId the deployment that holds the changed files, or the latest one when nothing changed
 * @param changedResources files that were new or changed and so were deployed (forms are listed here)
 * @param newVersions process and decision definitions that got a new version
 */
public record FolderDeployment(String deploymentId, List<String> changedResources, List<NewVersion> newVersions) {

  public record NewVersion(String type, String key, int version) {}
}
