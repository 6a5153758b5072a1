/// A colour map of the thumbnails, with the 256 colours matplotlib uses for it, so a distswift thumbnail has the
/// colours of distpy's (matplotlib's) for the same `cmap` name.
///
/// Sources: the perceptually uniform maps (viridis, plasma, inferno, magma: Smith, van der Walt and Firing, CC0;
/// cividis: Nuñez, Anderton and Renslow 2018) are matplotlib's 256-entry tables as 8-bit colours, exactly what
/// `cmap(numpy.arange(256), bytes=True)` returns in matplotlib 3.11. The others (gray/grey, seismic, bwr, jet) are
/// matplotlib's piecewise-linear segment data (`matplotlib._cm`), sampled at 256 points the way matplotlib's
/// `LinearSegmentedColormap` samples them (equal to matplotlib's up to 1/255 where the last bit of a double decides
/// the 8-bit rounding). `NAME_r` is the reversed map.
public struct ColourMap: Sendable {
    public let name: String
    /// 256 colours, `0xRRGGBB`, from the low end to the high end.
    public let colours: [UInt32]

    /// The names the `cmap` parameter accepts.
    public static let names: [String] = {
        let base = ["viridis", "plasma", "inferno", "magma", "cividis", "gray", "grey", "seismic", "bwr", "jet"]
        return base + base.map { $0 + "_r" }
    }()

    /// The names `distswift plot` accepts: matplotlib's above plus distpy's "UAVK" (and "UAVK_r").
    public static let plotNames: [String] = names + ["UAVK", "UAVK_r"]

    /// distpy's "UAVK", an approximation of Techlog's UAVK colour scale (`extra_pyplot.UAVK`): matplotlib's
    /// `LinearSegmentedColormap.from_list` over 16 evenly spaced named colours, white, navy, blue, royalblue,
    /// deepskyblue, cyan, palegreen, greenyellow, yellow, orange, darkorange, orangered, tomato, red, firebrick,
    /// brown (their CSS/matplotlib values below), sampled at 256 points like the other segment maps.
    static let uavkColours: [UInt32] = [
        0xFFFFFF, 0x000080, 0x0000FF, 0x4169E1, 0x00BFFF, 0x00FFFF, 0x98FB98, 0xADFF2F,
        0xFFFF00, 0xFFA500, 0xFF8C00, 0xFF4500, 0xFF6347, 0xFF0000, 0xB22222, 0xA52A2A,
    ]

    public init?(named name: String) {
        let reversed = name.hasSuffix("_r")
        let base = reversed ? String(name.dropLast(2)) : name
        var colours: [UInt32]
        switch base {
        case "viridis": colours = Self.decode(Self.viridisTable)
        case "plasma": colours = Self.decode(Self.plasmaTable)
        case "inferno": colours = Self.decode(Self.infernoTable)
        case "magma": colours = Self.decode(Self.magmaTable)
        case "cividis": colours = Self.decode(Self.cividisTable)
        case "gray", "grey":
            colours = Self.sample(red: [(0, 0), (1, 1)], green: [(0, 0), (1, 1)], blue: [(0, 0), (1, 1)])
        case "seismic":
            let points: [(Double, (Double, Double, Double))] =
                [(0, (0, 0, 0.3)), (0.25, (0, 0, 1)), (0.5, (1, 1, 1)), (0.75, (1, 0, 0)), (1, (0.5, 0, 0))]
            colours = Self.sample(red: points.map { ($0.0, $0.1.0) }, green: points.map { ($0.0, $0.1.1) },
                                  blue: points.map { ($0.0, $0.1.2) })
        case "bwr":
            colours = Self.sample(red: [(0, 0), (0.5, 1), (1, 1)], green: [(0, 0), (0.5, 1), (1, 0)],
                                  blue: [(0, 1), (0.5, 1), (1, 0)])
        case "jet":
            colours = Self.sample(red: [(0, 0), (0.35, 0), (0.66, 1), (0.89, 1), (1, 0.5)],
                                  green: [(0, 0), (0.125, 0), (0.375, 1), (0.64, 1), (0.91, 0), (1, 0)],
                                  blue: [(0, 0.5), (0.11, 1), (0.34, 1), (0.65, 0), (1, 0)])
        case "UAVK":
            let last = Double(Self.uavkColours.count - 1)
            func points(_ shift: UInt32) -> [(Double, Double)] {
                Self.uavkColours.enumerated().map { (Double($0.offset) / last, Double($0.element >> shift & 0xFF) / 255) }
            }
            colours = Self.sample(red: points(16), green: points(8), blue: points(0))
        default: return nil
        }
        if reversed { colours.reverse() }
        self.name = name
        self.colours = colours
    }

    /// The colour of a value normalised to 0…1 as matplotlib picks it: entry ⌊x·256⌋, values below 0 take the first
    /// colour and values from 1 up the last.
    public func colour(_ x: Double) -> UInt32 {
        guard x == x else { return colours[0] }
        let index = x <= 0 ? 0 : x >= 1 ? 255 : min(255, Int(x * 256))
        return colours[index]
    }

    private static func decode(_ rows: [String]) -> [UInt32] {
        let hex = Array(rows.joined().utf8)
        precondition(hex.count == 256 * 6)
        func nibble(_ c: UInt8) -> UInt32 { UInt32(c <= 57 ? c - 48 : c - 87) }
        return (0..<256).map { i in (0..<6).reduce(UInt32(0)) { $0 << 4 | nibble(hex[i * 6 + $1]) } }
    }

    /// matplotlib's `_create_lookup_table(256, data)` for segments without jumps, then `(lut * 255).astype(uint8)`.
    private static func sample(red: [(Double, Double)], green: [(Double, Double)], blue: [(Double, Double)])
        -> [UInt32]
    {
        func channel(_ points: [(Double, Double)]) -> [UInt32] {
            let step = 1.0 / 255
            return (0..<256).map { i in
                let x = Double(i) * step
                var v: Double
                if i == 0 {
                    v = points[0].1
                } else if i == 255 {
                    v = points[points.count - 1].1
                } else {
                    // numpy.searchsorted (left): the first breakpoint at or after x.
                    let k = points.firstIndex { $0.0 >= x }!
                    let distance = (x - points[k - 1].0) / (points[k].0 - points[k - 1].0)
                    v = distance * (points[k].1 - points[k - 1].1) + points[k - 1].1
                }
                v = min(max(v, 0), 1)
                return UInt32(v * 255)
            }
        }
        let r = channel(red), g = channel(green), b = channel(blue)
        return (0..<256).map { r[$0] << 16 | g[$0] << 8 | b[$0] }
    }

    /// matplotlib's `viridis`: `viridis(numpy.arange(256), bytes=True)` (matplotlib 3.11).
    static let viridisTable: [String] = [
        "44015444025544035745055845065a45085b46095c460b5e460c5f460e61470f62471163471265471466471567471669",
        "47186a48196b481a6c481c6e481d6f481e70482071482172482273482374472575472676472777472878472a79472b7a",
        "472c7b462d7c462f7c46307d46317e45327f45347f453580453681443781443982433a83433b83433c84423d84423e85",
        "4240854141864142864043874044873f45873f47883e48883e49893d4a893d4b893d4c893c4d8a3c4e8a3b508a3b518a",
        "3a528b3a538b39548b39558b38568b38578c37588c37598c365a8c365b8c355c8c355d8c345e8d345f8d33608d33618d",
        "32628d32638d31648d31658d31668d30678d30688d2f698d2f6a8d2e6b8e2e6c8e2e6d8e2d6e8e2d6f8e2c708e2c718e",
        "2c728e2b738e2b748e2a758e2a768e2a778e29788e29798e287a8e287a8e287b8e277c8e277d8e277e8e267f8e26808e",
        "26818e25828e25838d24848d24858d24868d23878d23888d23898d22898d228a8d228b8d218c8d218d8c218e8c208f8c",
        "20908c20918c1f928c1f938b1f948b1f958b1f968b1e978a1e988a1e998a1e998a1e9a891e9b891e9c891e9d881e9e88",
        "1e9f881ea0871fa1871fa2861fa38620a48520a58521a68521a78422a78423a88323a98224aa8225ab8126ac8127ad80",
        "28ae7f29af7f2ab07e2bb17d2cb17d2eb27c2fb37b30b47a32b57a33b67935b77836b87738b97639b9763bba753dbb74",
        "3ebc7340bd7242be7144be7045bf6f47c06e49c16d4bc26c4dc26b4fc36951c46853c56755c66657c66559c7645bc862",
        "5ec96160c96062ca5f64cb5d67cc5c69cc5b6bcd596dce5870ce5672cf5574d05477d05279d1517cd24f7ed24e81d34c",
        "83d34b86d44988d5478bd5468dd64490d64392d74195d73f97d83e9ad83c9dd93a9fd938a2da37a5da35a7db33aadb32",
        "addc30afdc2eb2dd2cb5dd2bb7dd29bade27bdde26bfdf24c2df22c5df21c7e01fcae01ecde01dcfe11cd2e11bd4e11a",
        "d7e219dae218dce218dfe318e1e318e4e318e7e419e9e419ece41aeee51bf1e51cf3e51ef6e61ff8e621fae622fde724",
    ]

    /// matplotlib's `plasma`: `plasma(numpy.arange(256), bytes=True)` (matplotlib 3.11).
    static let plasmaTable: [String] = [
        "0c078610078713068915068a18068b1b068c1d068d1f058e21058f2305902505912705922905932b05942d04942f0495",
        "3104963304973404983604983804993a049a3b039a3d039b3f039c40039c42039d44039e45039e47029f49029f4a02a0",
        "4c02a14e02a14f02a25101a25201a35401a35601a35701a45901a45a00a55c00a55e00a55f00a66100a66200a66400a7",
        "6500a76700a76800a76a00a76c00a86d00a86f00a87000a87200a87300a87500a87601a87801a87901a87b02a87c02a7",
        "7e03a77f03a78104a78204a78405a68506a68607a68807a58908a58b09a48c0aa48e0ca48f0da3900ea3920fa29310a1",
        "9511a19612a09713a099149f9a159e9b179e9d189d9e199c9f1a9ba01b9ba21c9aa31d99a41e98a51f97a72197a82296",
        "a92395aa2494ac2593ad2692ae2791af2890b02a8fb12b8fb22c8eb42d8db52e8cb62f8bb7308ab83289b93388ba3487",
        "bb3586bc3685bd3784be3883bf3982c03b81c13c80c23d80c33e7fc43f7ec5407dc6417cc7427bc8447ac94579ca4678",
        "cb4777cc4876cd4975ce4a75cf4b74d04d73d14e72d14f71d25070d3516fd4526ed5536dd6556dd7566cd7576bd8586a",
        "d95969da5a68db5b67dc5d66dc5e66dd5f65de6064df6163df6262e06461e16560e26660e3675fe3685ee46a5de56b5c",
        "e56c5be66d5ae76e5ae87059e87158e97257ea7356ea7455eb7654ec7754ec7853ed7952ed7b51ee7c50ef7d4fef7e4e",
        "f0804df0814df1824cf2844bf2854af38649f38748f48947f48a47f58b46f58d45f68e44f68f43f69142f79241f79341",
        "f89540f8963ff8983ef9993df99a3cfa9c3bfa9d3afa9f3afaa039fba238fba337fba436fca635fca735fca934fcaa33",
        "fcac32fcad31fdaf31fdb030fdb22ffdb32efdb52dfdb62dfdb82cfdb92bfdbb2bfdbc2afdbe29fdc029fdc128fdc328",
        "fdc427fdc626fcc726fcc926fccb25fccc25fcce25fbd024fbd124fbd324fad524fad624fad824f9d924f9db24f8dd24",
        "f8df24f7e024f7e225f6e425f6e525f5e726f5e926f4ea26f3ec26f3ee26f2f026f2f126f1f326f0f525f0f623eff821",
    ]

    /// matplotlib's `inferno`: `inferno(numpy.arange(256), bytes=True)` (matplotlib 3.11).
    static let infernoTable: [String] = [
        "00000300000400000601000701010901010b02010e02021003021204031404031605041806041b07051d08061f090621",
        "0a07230b07260d08280e082a0f092d10092f120a32130a34140b36160b39170b3b190b3e1a0b401c0c431d0c451f0c47",
        "200c4a220b4c240b4e260b50270b52290b542b0a562d0a582e0a5a300a5c32095d34095f3509603709613909623b0964",
        "3c09653e0966400966410967430a68450a69460a69480b6a4a0b6a4b0c6b4d0c6b4f0d6c500d6c520e6c530e6d550f6d",
        "570f6d58106d5a116d5b116e5d126e5f126e60136e62146e63146e65156e66156e68166e6a176e6b176e6d186e6e186e",
        "70196e72196d731a6d751b6d761b6d781c6d7a1c6d7b1d6c7d1d6c7e1e6c801f6b811f6b83206b85206a86216a88216a",
        "8922698b22698d23698e24689024689125679325679526669626669827659928649b28649c29639e2963a02a62a12b61",
        "a32b61a42c60a62c5fa72d5fa92e5eab2e5dac2f5cae305baf315bb1315ab23259b43358b53357b73456b83556ba3655",
        "bb3754bd3753be3852bf3951c13a50c23b4fc43c4ec53d4dc73e4cc83e4bc93f4acb4049cc4148cd4247cf4446d04544",
        "d14643d24742d44841d54940d64a3fd74b3ed94d3dda4e3bdb4f3adc5039dd5238de5337df5436e05634e25733e35832",
        "e45a31e55b30e65c2ee65e2de75f2ce8612be9622aea6428eb6527ec6726ed6825ed6a23ee6c22ef6d21f06f1ff0701e",
        "f1721df2741cf2751af37719f37918f47a16f57c15f57e14f68012f68111f78310f7850ef8870df8880cf88a0bf98c09",
        "f98e08f99008fa9107fa9306fa9506fa9706fb9906fb9b06fb9d06fb9e07fba007fba208fba40afba60bfba80dfbaa0e",
        "fbac10fbae12fbb014fbb116fbb318fbb51afbb71cfbb91efabb21fabd23fabf25fac128f9c32af9c52cf9c72ff8c931",
        "f8cb34f8cd37f7cf3af7d13cf6d33ff6d542f5d745f5d948f4db4bf4dc4ff3de52f3e056f3e259f2e45df2e660f1e864",
        "f1e968f1eb6cf1ed70f1ee74f1f079f1f27df2f381f2f485f3f689f4f78df5f891f6fa95f7fb99f9fc9dfafda0fcfea4",
    ]

    /// matplotlib's `magma`: `magma(numpy.arange(256), bytes=True)` (matplotlib 3.11).
    static let magmaTable: [String] = [
        "00000300000400000601000701010901010b02020d02020f03031104031304041505041706051907051b08061d09071f",
        "0a07220b08240c09260d0a280e0a2a0f0b2c100c2f110c31120d33140d35150e38160e3a170f3c180f3f1a10411b1044",
        "1c10461e10491f114b20114d2211502311522511552611572811592a115c2b115e2d10602f1062301065321067341068",
        "350f6a370f6c390f6e3b0f6f3c0f713e0f72400f73420f74430f75450f76470f774810784a10794b10794d117a4f117b",
        "50127b52127c53137c55137d57147d58157e5a157e5b167e5d177e5e177f60187f61187f63197f651a80661a80681b80",
        "691c806b1c806c1d806e1e816f1e81711f81731f817420817621817721817922817a22817c23817e24817f2481812581",
        "8225818426818526818727818928818a28818c29808d29808f2a80912a80922b80942b80952c80972c7f992d7f9a2d7f",
        "9c2e7f9e2e7e9f2f7ea12f7ea3307ea4307da6317da7317da9327cab337cac337bae347bb0347bb1357ab3357ab53679",
        "b63679b83778b93778bb3877bd3977be3976c03a75c23a75c33b74c53c74c63c73c83d72ca3e72cb3e71cd3f70ce4070",
        "d0416fd1426ed3426dd4436dd6446cd7456bd9466ada4769dc4869dd4968de4a67e04b66e14c66e24d65e44e64e55063",
        "e65162e75262e85461ea5560eb5660ec585fed595fee5b5eee5d5def5e5df0605df1615cf2635cf3655cf3675bf4685b",
        "f56a5bf56c5bf66e5bf6705bf7715bf7735cf8755cf8775cf9795cf97b5df97d5dfa7f5efa805efa825ffb8460fb8660",
        "fb8861fb8a62fc8c63fc8e63fc9064fc9265fc9366fd9567fd9768fd9969fd9b6afd9d6bfd9f6cfda16efda26ffda470",
        "fea671fea873feaa74feac75feae76feaf78feb179feb37bfeb57cfeb77dfeb97ffebb80febc82febe83fec085fec286",
        "fec488fec689fec78bfec98dfecb8efdcd90fdcf92fdd193fdd295fdd497fdd698fdd89afdda9cfddc9dfddd9ffddfa1",
        "fde1a3fce3a5fce5a6fce6a8fce8aafceaacfcecaefceeb0fcf0b1fcf1b3fcf3b5fcf5b7fbf7b9fbf9bbfbfabdfbfcbf",
    ]

    /// matplotlib's `cividis`: `cividis(numpy.arange(256), bytes=True)` (matplotlib 3.11).
    static let cividisTable: [String] = [
        "00224d00234f00235000245200255400265500265700275900285b00285c00295e002a60002a62002b64002c66002c67",
        "002d69002e6b002f6d002f6f0030700030700031700031700432700833700b33700e347011356f14366f16366f18376f",
        "1a386f1c386e1d396e1f3a6e213b6e223b6e243c6e253d6d273d6d283e6d2a3f6d2b3f6d2c406d2e416c2f426c30426c",
        "31436c32446c34446c35456c36466c37466c38476c39486c3a486b3b496b3d4a6b3e4b6b3f4b6b404c6b414d6b424d6b",
        "434e6b444f6b454f6b46506b47516b48516b49526b4a536b4b546c4c546c4d556c4e566c4e566c4f576c50586c51586c",
        "52596c535a6c545a6c555b6d565c6d575d6d585d6d595e6d595f6d5a5f6d5b606e5c616e5d616e5e626e5f636e60646e",
        "61646f61656f62666f63666f64676f656870666970676970686a70686b71696b716a6c716b6d716c6d726d6e726e6f72",
        "6e70736f70737071737172737273747373747474757475757575757676767777767878767978777979777a7a777b7b77",
        "7c7b787d7c787e7d787f7d78807e78817f788280788380788481788582788583788683788784788885788986788a8678",
        "8b87788c88788d89788e89788f8a77908b77918c77928c77938d77948e77958f77968f779790769891769992769a9376",
        "9b93769c94769d95759e96759f9675a09775a19874a29974a39a74a49a74a59b73a69c73a79d73a89e73a99e72aa9f72",
        "aba072aca171ada271aea271afa370b0a470b1a570b2a66fb3a66fb4a76fb5a86eb6a96eb7aa6db8ab6db9ab6dbaac6c",
        "bbad6cbcae6bbdaf6bbeb06abfb06ac1b169c2b269c3b368c4b468c5b567c6b567c7b666c8b765c9b865cab964cbba64",
        "ccbb63cdbc62cebc62cfbd61d0be60d2bf60d3c05fd4c15ed5c25ed6c35dd7c35cd8c45bd9c55adac65adbc759dcc858",
        "dec957dfca56e0cb55e1cc54e2cc53e3cd52e4ce51e5cf50e6d04fe8d14ee9d24dead34cebd44becd54aedd648eed747",
        "efd846f1d944f2da43f3da42f4db40f5dc3ff6dd3df8de3bf9df3afae038fbe136fde234fde333fde534fde636fde737",
    ]
}
