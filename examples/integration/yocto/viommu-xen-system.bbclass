# viommu-xen-system.bbclass: build every Xen artifact of a system at image build time.
#
#   inherit viommu-xen-system
#   VIOMMU_XEN_SPEC = "${THISDIR}/files/system.yaml"
#   VIOMMU_XEN_HOST_DTB = "${DEPLOY_DIR_IMAGE}/my-board.dtb"
#
# The task runs `viommu xen system` (from viommu-native, a `dotnet publish` of src/Viommu) after the kernel's
# device trees are deployed, and deploys the whole output folder to ${DEPLOY_DIR_IMAGE}/xen-system: per guest
# the passthrough and complete guest trees, xl.cfg and stream map; the dom0less host tree; imagebuilder.cfg.
# A spec that fails stops the build with the spec's file, line and column.

VIOMMU_XEN_SPEC ??= ""
VIOMMU_XEN_HOST_DTB ??= "${DEPLOY_DIR_IMAGE}/${@os.path.basename(d.getVar('KERNEL_DEVICETREE').split()[0]) if d.getVar('KERNEL_DEVICETREE') else ''}"
VIOMMU_XEN_OUT = "${B}/xen-system"
VIOMMU_XEN_STRICT ??= "0"

DEPENDS += "viommu-native"
do_viommu_xen_system[depends] += "virtual/kernel:do_deploy"
do_viommu_xen_system[dirs] = "${B}"
do_viommu_xen_system[cleandirs] = "${VIOMMU_XEN_OUT}"

do_viommu_xen_system() {
	if [ -z "${VIOMMU_XEN_SPEC}" ]; then
		bbfatal "VIOMMU_XEN_SPEC is not set"
	fi
	strict=""
	if [ "${VIOMMU_XEN_STRICT}" = "1" ]; then
		strict="--strict"
	fi
	viommu xen system --host "${VIOMMU_XEN_HOST_DTB}" "${VIOMMU_XEN_SPEC}" -o "${VIOMMU_XEN_OUT}" $strict
}
addtask viommu_xen_system after do_compile before do_deploy

do_deploy:append() {
	install -d "${DEPLOYDIR}/xen-system"
	cp -r "${VIOMMU_XEN_OUT}/." "${DEPLOYDIR}/xen-system/"
}
